// The leads (#/contacts/leads): contacts at the lead stage (or, on request, every stage), grouped
// by stage and then by owner, filtered by owner. Read from GET /v1/contacts?stage=lead&owner=.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { STAGES, contactHref, contactName, stageName, contactTabs, agentOptions, latestAnswer, fillOwners } from './contact-common.js';

const LIMIT = 200;

export class LeadsView {
  constructor({ api, me, agents }) {
    Object.assign(this, { api, me, agents });
    this.owner = h('select', { id: 'leads-owner' }, agentOptions([], t('contacts.filter.any'), me));
    this.scope = h('select', { id: 'leads-scope' },
      h('option', { value: 'lead', text: t('leads.scope.lead') }), h('option', { value: '', text: t('leads.scope.all') }));
    this.groups = h('div', { class: 'lead-groups', id: 'lead-groups' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.element = h('div', { class: 'contacts-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { id: 'leads-title', text: t('leads.title') })),
      contactTabs('leads'),
      h('div', { class: 'ticket-filter-form contact-filters' },
        h('div', { class: 'field' }, h('label', { htmlFor: 'leads-owner', text: t('contacts.filter.owner') }), this.owner),
        h('div', { class: 'field' }, h('label', { htmlFor: 'leads-scope', text: t('leads.scope') }), this.scope)),
      this.error, this.groups);
    this.owner.addEventListener('change', () => this.load());
    this.scope.addEventListener('change', () => this.load());
  }

  show() {
    fillOwners(this.owner, this.agents, this.me);
    this.load();
  }

  hide() {}

  async load() {
    const params = { limit: String(LIMIT) };
    if (this.scope.value) params.stage = this.scope.value;
    if (this.owner.value) params.owner = this.owner.value;
    const answer = await latestAnswer(this, this.error, () => this.api.contacts(new URLSearchParams(params).toString()));
    if (answer) this.render(answer?.contacts || [], Boolean(answer?.next));
  }

  render(contacts, truncated) {
    if (!contacts.length) {
      replace(this.groups, h('p', { class: 'card muted', text: t('leads.empty') }));
      return;
    }
    const stages = STAGES.filter((stage) => contacts.some((c) => c.stage === stage));
    replace(this.groups, stages.map((stage) => {
      const ofStage = contacts.filter((c) => c.stage === stage);
      const owners = [...new Map(ofStage.map((c) => [c.owner?.id || '', c.owner?.name || t('contacts.noOwner')])).entries()]
        .sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : a[1].localeCompare(b[1])));
      const titleId = `leads-stage-${stage}`;
      return h('section', { class: 'card lead-stage', 'aria-labelledby': titleId, dataset: { stage } },
        h('h2', { id: titleId, text: t('leads.stageCount', { stage: stageName(stage), n: ofStage.length }) }),
        owners.map(([ownerId, ownerName]) => {
          const rows = ofStage.filter((c) => (c.owner?.id || '') === ownerId);
          return h('div', { class: 'lead-owner', dataset: { owner: ownerId } },
            h('h3', { text: t('leads.ownerCount', { name: ownerName, n: rows.length }) }),
            h('ul', { class: 'lead-rows' }, rows.map((c) => h('li', { class: 'lead-row', dataset: { id: c.id } },
              h('a', { href: contactHref(c.id), class: 'contact-link', text: contactName(c) }),
              c.company ? h('span', { class: 'muted small', text: ` · ${c.company.name}` }) : null,
              c.email ? h('span', { class: 'muted small', text: ` · ${c.email}` }) : null))));
        }));
    }), truncated ? h('p', { class: 'muted small', text: t('leads.truncated', { n: LIMIT }) }) : null);
  }
}
