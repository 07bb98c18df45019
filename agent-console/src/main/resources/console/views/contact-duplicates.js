// Likely duplicates (#/contacts/duplicates): pairs of contacts of a site that share an email, a
// phone or an external id, with the reason; "Merge" opens the merge dialog (contact-dialogs.js)
// and then the survivor's page.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { mergeDialog } from './contact-dialogs.js';
import { contactHref, contactName, contactTabs, latestAnswer } from './contact-common.js';

export class DuplicatesView {
  constructor({ api }) {
    this.api = api;
    this.site = h('select', { id: 'dupes-site' });
    this.rows = h('ul', { class: 'dupe-rows', id: 'dupe-rows', 'aria-labelledby': 'dupes-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.element = h('div', { class: 'contacts-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { id: 'dupes-title', text: t('dupes.title') })),
      contactTabs('duplicates'),
      h('div', { class: 'ticket-filter-form contact-filters' },
        h('div', { class: 'field' }, h('label', { htmlFor: 'dupes-site', text: t('contact.site') }), this.site)),
      this.error, h('div', { class: 'card ticket-card' }, this.rows));
    this.site.addEventListener('change', () => this.load());
  }

  async show() {
    if (!this.site.options.length) {
      const queues = await this.api.queues().catch(() => []);
      const sites = [...new Set((queues || []).map((q) => q.siteId).filter(Boolean))];
      replace(this.site, sites.map((id) => h('option', { value: id, text: id })));
    }
    this.load();
  }

  hide() {}

  async load() {
    const answer = await latestAnswer(this, this.error, () => this.api.duplicates(new URLSearchParams({ site: this.site.value }).toString()));
    if (!answer) return;
    const pairs = answer?.pairs || [];
    replace(this.rows, pairs.length ? pairs.map((pair) => this.row(pair)) : h('li', { class: 'list-empty muted', text: t('dupes.empty') }));
  }

  row(pair) {
    const side = (contact) => h('div', { class: 'dupe-side' },
      h('a', { href: contactHref(contact.id), class: 'contact-link', text: contactName(contact) }),
      h('span', { class: 'muted small', text: [contact.email, contact.phone].filter(Boolean).join(' · ') }));
    return h('li', { class: 'dupe-row', dataset: { a: pair.a.id, b: pair.b.id } },
      side(pair.a), side(pair.b),
      h('span', { class: 'pill dupe-reason', text: t('dupes.because', { reason: t(`dupes.reason.${pair.reason}`), value: pair.value || '' }) }),
      h('button', {
        type: 'button', class: 'button small dupe-merge', 'aria-label': t('dupes.mergeLabel', { a: contactName(pair.a), b: contactName(pair.b) }),
        on: { click: () => this.merge(pair) },
      }, h('span', { text: t('dupes.merge') })));
  }

  async merge(pair) {
    const survivor = await mergeDialog({ api: this.api, pair });
    if (!survivor) return;
    toast(t('cmerge.done', { name: contactName(survivor) }));
    location.hash = contactHref(survivor.id);
  }
}
