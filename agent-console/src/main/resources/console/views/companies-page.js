// Companies: #/companies lists them (search, "Load more", a new company), #/companies/{id} shows
// one with its name and domain (editable), its contacts and their open work: open chats and
// tickets per contact and the open tickets themselves.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { debounce } from '../ticket-feed.js';
import { formDialog } from './ticket-dialogs.js';
import { ticketHref, say } from './ticket-common.js';
import { companyHref, contactHref, contactName, stagePill, contactTabs, contactProblem, latestAnswer } from './contact-common.js';

const PAGE_SIZE = 50;

function companyFields(sites, company = {}) {
  return [
    sites.length > 1 ? { key: 'siteId', label: t('contact.site'), type: 'select', options: sites.map((id) => [id, id]), initial: sites[0] } : null,
    { key: 'name', label: t('company.name'), type: 'text', required: true, max: 200, initial: company.name },
    { key: 'domain', label: t('company.domain'), hint: t('company.domain.hint'), type: 'text', max: 253, initial: company.domain || undefined },
  ].filter(Boolean);
}

export class CompaniesPage {
  constructor({ api }) {
    this.api = api;
    this.companies = [];
    this.next = null;
    this.id = null;
    this.search = h('input', { type: 'search', id: 'company-search', autocomplete: 'off' });
    this.rows = h('ul', { class: 'contact-rows', id: 'company-rows', 'aria-labelledby': 'companies-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.more = h('button', { type: 'button', class: 'button', id: 'company-more', hidden: true, text: t('contacts.more'), on: { click: () => this.loadList(true) } });
    this.list = h('div', { class: 'contacts-page', lang: language() },
      h('div', { class: 'page-head' },
        h('h1', { id: 'companies-title', text: t('companies.title') }),
        h('div', { class: 'page-actions' },
          h('button', { type: 'button', class: 'button primary', id: 'company-new', on: { click: () => this.create() } },
            h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t('companies.new') })))),
      contactTabs('companies'),
      h('form', { class: 'ticket-filter-form contact-filters', role: 'search', on: { submit: (e) => { e.preventDefault(); this.loadList(); } } },
        h('div', { class: 'field' }, h('label', { htmlFor: 'company-search', text: t('companies.search') }), this.search)),
      this.error, h('div', { class: 'card ticket-card' }, this.rows, this.more));
    this.search.addEventListener('input', debounce(() => this.loadList(), 300));
    this.pageError = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.pageBody = h('div', { class: 'company-body' });
    this.page = h('div', { class: 'contact-page', lang: language() },
      h('a', { href: '#/companies', class: 'back-link', id: 'company-back' }, icon('back'), h('span', { text: t('company.back') })),
      this.pageError, this.pageBody);
    this.element = h('div', { class: 'contacts-host' });
  }

  show(section) {
    this.id = section ? decodeURIComponent(section) : null;
    replace(this.element, this.id ? this.page : this.list);
    if (this.id) this.loadCompany();
    else this.loadList();
  }

  hide() {}

  async loadList(more = false) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (this.search.value.trim()) params.set('q', this.search.value.trim());
    if (more && this.next) params.set('cursor', this.next);
    const answer = await latestAnswer(this, this.error, () => this.api.companies(params.toString()));
    if (!answer) return;
    this.companies = more ? this.companies.concat(answer?.companies || []) : (answer?.companies || []);
    this.next = answer?.next || null;
    this.more.hidden = !this.next;
    replace(this.rows, this.companies.length ? this.companies.map((c) => h('li', { class: 'contact-row', dataset: { id: c.id } },
      h('div', { class: 'ticket-row-body' },
        h('a', { class: 'ticket-link', href: companyHref(c.id), text: c.name }),
        c.domain ? h('span', { class: 'muted small', text: c.domain }) : null)))
      : h('li', { class: 'list-empty muted', text: t('companies.empty') }));
  }

  async create() {
    const sites = [...new Set(((await this.api.queues().catch(() => [])) || []).map((q) => q.siteId).filter(Boolean))];
    const company = await formDialog(t('companies.newTitle'), 'new-company', companyFields(sites), t('companies.create'), (values) =>
      this.api.createCompany({ siteId: values.siteId || sites[0], name: values.name, domain: values.domain || null }),
    { wide: false, problem: contactProblem });
    if (company) location.hash = companyHref(company.id);
  }

  async loadCompany() {
    const id = this.id;
    let company;
    try {
      company = await this.api.company(id);
    } catch (error) {
      if (id !== this.id) return;
      this.pageError.textContent = contactProblem(error);
      this.pageError.hidden = false;
      replace(this.pageBody);
      return;
    }
    if (id !== this.id) return;
    this.pageError.hidden = true;
    this.renderCompany(company);
  }

  renderCompany(company) {
    const contacts = company.contacts || [];
    const openTickets = company.openTickets && Array.isArray(company.openTickets) ? company.openTickets : (company.tickets || []);
    replace(this.pageBody,
      h('header', { class: 'contact-head' },
        h('h1', { id: 'company-title', text: company.name }),
        company.domain ? h('span', { class: 'muted', text: company.domain }) : null,
        h('button', { type: 'button', class: 'button', id: 'company-edit', on: { click: () => this.edit(company) } }, h('span', { text: t('company.edit') }))),
      h('section', { class: 'card', 'aria-labelledby': 'company-contacts-title' },
        h('h2', { id: 'company-contacts-title', text: t('company.contacts', { n: contacts.length }) }),
        contacts.length ? h('ul', { class: 'contact-rows', id: 'company-contacts' }, contacts.map((c) => h('li', { class: 'contact-row', dataset: { id: c.id } },
          h('div', { class: 'ticket-row-body' },
            h('a', { class: 'ticket-link', href: contactHref(c.id), text: contactName(c) }),
            h('span', { class: 'muted small', text: t('company.openWork', { chats: c.openConversations ?? 0, tickets: c.openTickets ?? 0 }) })),
          stagePill(c.stage))))
          : h('p', { class: 'muted', text: t('company.noContacts') })),
      h('section', { class: 'card', 'aria-labelledby': 'company-tickets-title' },
        h('h2', { id: 'company-tickets-title', text: t('company.tickets') }),
        openTickets.length ? h('ul', { class: 'history-list', id: 'company-tickets' }, openTickets.map((ticket) => h('li', {},
          h('a', { href: ticketHref(ticket.id), text: `#${ticket.number} ${ticket.subject}` }),
          h('span', { class: 'muted small', text: ` · ${say('ticketStatus', ticket.status)}` }))))
          : h('p', { class: 'muted', text: t('company.noTickets') })));
  }

  async edit(company) {
    const saved = await formDialog(t('company.editTitle'), 'edit-company', companyFields([], company), t('contact.save'), (values) =>
      this.api.updateCompany(company.id, { name: values.name, domain: values.domain || null }),
    { wide: false, problem: contactProblem });
    if (saved) this.loadCompany();
  }
}
