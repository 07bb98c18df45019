// The contacts list (#/contacts): a search box over names, emails and phones, filters by stage,
// owner, company and tag, and "Load more" that follows the server's keyset cursor. Each row
// opens the contact's page.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { debounce } from '../ticket-feed.js';
import { STAGES, contactHref, companyHref, contactName, stagePill, stageName, contactTabs, agentOptions, latestAnswer, fillOwners } from './contact-common.js';
import { createContactDialog } from './contact-dialogs.js';

const PAGE_SIZE = 50;

export class ContactList {
  constructor({ api, me, agents }) {
    Object.assign(this, { api, me, agents });
    this.contacts = [];
    this.next = null;
    this.search = h('input', { type: 'search', id: 'contact-search', autocomplete: 'off', placeholder: t('contacts.search.hint') });
    this.stage = h('select', { id: 'cf-stage' }, h('option', { value: '', text: t('contacts.filter.any') }),
      STAGES.map((value) => h('option', { value, text: stageName(value) })));
    this.owner = h('select', { id: 'cf-owner' }, agentOptions([], t('contacts.filter.any'), me));
    this.company = h('select', { id: 'cf-company' }, h('option', { value: '', text: t('contacts.filter.any') }));
    this.tag = h('input', { type: 'text', id: 'cf-tag', autocomplete: 'off' });
    const field = (input, label) => h('div', { class: 'field' }, h('label', { htmlFor: input.id, text: label }), input);
    this.rows = h('ul', { class: 'contact-rows', id: 'contact-rows', 'aria-labelledby': 'contacts-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.count = h('p', { class: 'muted small', id: 'contact-count', role: 'status' });
    this.more = h('button', { type: 'button', class: 'button', id: 'contact-more', hidden: true, text: t('contacts.more'), on: { click: () => this.load(true) } });
    this.element = h('div', { class: 'contacts-page', lang: language() },
      h('div', { class: 'page-head' },
        h('h1', { id: 'contacts-title', text: t('contacts.title') }),
        h('div', { class: 'page-actions' },
          h('button', { type: 'button', class: 'button primary', id: 'contact-new', on: { click: () => this.create() } },
            h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t('contacts.new') })))),
      contactTabs('list'),
      h('form', { class: 'ticket-filter-form contact-filters', role: 'search', on: { submit: (e) => { e.preventDefault(); this.load(); } } },
        field(this.search, t('contacts.search')), field(this.stage, t('contacts.filter.stage')),
        field(this.owner, t('contacts.filter.owner')), field(this.company, t('contacts.filter.company')),
        field(this.tag, t('contacts.filter.tag'))),
      this.error, this.count,
      h('div', { class: 'card ticket-card' }, this.rows, this.more));
    const later = debounce(() => this.load(), 300);
    this.search.addEventListener('input', later);
    this.tag.addEventListener('input', later);
    for (const select of [this.stage, this.owner, this.company]) select.addEventListener('change', () => this.load());
  }

  show() {
    fillOwners(this.owner, this.agents, this.me);
    this.api.companies('limit=200').then((answer) => {
      const company = this.company.value;
      replace(this.company, h('option', { value: '', text: t('contacts.filter.any') }),
        (answer?.companies || []).map((c) => h('option', { value: c.id, text: c.name })));
      this.company.value = company;
    }, () => {});
    this.load();
  }

  hide() {}

  query(cursor) {
    const params = { limit: String(PAGE_SIZE) };
    const pairs = [['q', this.search], ['stage', this.stage], ['owner', this.owner], ['company', this.company], ['tag', this.tag]];
    for (const [key, input] of pairs) if (input.value.trim()) params[key] = input.value.trim();
    if (cursor) params.cursor = cursor;
    return new URLSearchParams(params).toString();
  }

  /** The first page, or with `more` the page after the last one read. */
  async load(more = false) {
    const answer = await latestAnswer(this, this.error, () => this.api.contacts(this.query(more ? this.next : null)));
    if (!answer) return;
    const page = answer?.contacts || [];
    this.contacts = more ? this.contacts.concat(page) : page;
    this.next = answer?.next || null;
    this.render(more ? page.length : 0);
  }

  render(added) {
    const first = this.contacts.length - added;
    replace(this.rows, this.contacts.length ? this.contacts.map((contact) => this.row(contact))
      : h('li', { class: 'list-empty muted', text: t('contacts.empty') }));
    this.count.textContent = t('contacts.count', { n: this.contacts.length });
    this.more.hidden = !this.next;
    // After "Load more" the keyboard goes on at the first new row.
    if (added) this.rows.children[first]?.querySelector('a')?.focus();
  }

  row(contact) {
    const reach = [contact.email, contact.phone].filter(Boolean).join(' · ');
    return h('li', { class: 'contact-row', dataset: { id: contact.id } },
      h('div', { class: 'ticket-row-body' },
        h('a', { class: 'ticket-link contact-link', href: contactHref(contact.id), text: contactName(contact) }),
        h('div', { class: 'ticket-meta' },
          reach ? h('span', { class: 'contact-reach', text: reach }) : null,
          contact.company ? h('a', { href: companyHref(contact.company.id), class: 'contact-company' }, icon('user'), h('span', { text: contact.company.name })) : null,
          h('span', { class: 'contact-owner', text: contact.owner?.name || t('contacts.noOwner') }),
          (contact.tags || []).map((tag) => h('span', { class: 'tag', text: tag })))),
      stagePill(contact.stage));
  }

  async create() {
    const contact = await createContactDialog({ api: this.api });
    if (contact) location.hash = contactHref(contact.id);
  }
}
