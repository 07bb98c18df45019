// Bulk changes on the selected tickets (POST /v1/tickets/bulk): assign (or unassign) and move to
// a status, together or alone. The server answers per ticket; the ones it refused are listed
// with its reason, and stay selected so the agent can try something else with them.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { STATUSES, say, refusal } from './ticket-common.js';

export class TicketBulk {
  constructor({ api, onDone, ticketsById }) {
    this.api = api;
    this.onDone = onDone;
    this.ticketsById = ticketsById;
    this.selected = new Set();
    this.count = h('span', { class: 'bulk-count', id: 'bulk-count' });
    this.assignee = h('select', { id: 'bulk-assignee' });
    this.status = h('select', { id: 'bulk-status' },
      h('option', { value: '', text: t('bulk.keepStatus') }),
      STATUSES.filter((s) => s !== 'new').map((value) => h('option', { value, text: say('ticketStatus', value) })));
    this.results = h('ul', { class: 'bulk-results', id: 'bulk-results', 'aria-live': 'polite' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.setAgents([], null);
    this.form = h('form', { class: 'bulk-bar card', id: 'bulk-bar', hidden: true, 'aria-label': t('bulk.label'), on: { submit: (e) => { e.preventDefault(); this.apply(); } } },
      this.count,
      h('div', { class: 'field' }, h('label', { htmlFor: 'bulk-assignee', text: t('bulk.assignee') }), this.assignee),
      h('div', { class: 'field' }, h('label', { htmlFor: 'bulk-status', text: t('bulk.status') }), this.status),
      h('div', { class: 'bulk-actions' },
        h('button', { type: 'submit', class: 'button primary', id: 'bulk-apply', text: t('bulk.apply') }),
        h('button', { type: 'button', class: 'button', text: t('bulk.clear'), on: { click: () => this.clearSelection() } })),
      this.error);
    this.element = h('div', { class: 'bulk' }, this.form, this.results);
  }

  setAgents(agents, me) {
    const value = this.assignee.value;
    replace(this.assignee,
      h('option', { value: '', text: t('bulk.keepAssignee') }),
      h('option', { value: 'none', text: t('bulk.unassign') }),
      me ? h('option', { value: me.userId, text: t('tickets.filter.me') }) : null,
      agents.filter((a) => a.id !== me?.userId).map((a) => h('option', { value: a.id, text: a.name })));
    this.assignee.value = value;
  }

  has(id) {
    return this.selected.has(id);
  }

  toggle(id, on) {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.render();
  }

  /** Forgets selected tickets that the list no longer shows. */
  keep(ids) {
    const shown = new Set(ids);
    for (const id of this.selected) if (!shown.has(id)) this.selected.delete(id);
    this.render();
  }

  clearSelection() {
    this.selected.clear();
    for (const box of document.querySelectorAll('.ticket-check:checked')) box.checked = false;
    this.render();
  }

  render() {
    this.form.hidden = this.selected.size === 0;
    this.count.textContent = t('bulk.selected', { n: this.selected.size });
  }

  async apply() {
    const body = { ids: [...this.selected] };
    if (this.assignee.value) body.assignee = this.assignee.value === 'none' ? null : this.assignee.value;
    if (this.status.value) body.status = this.status.value;
    this.error.hidden = true;
    if (!('assignee' in body) && !body.status) {
      this.error.textContent = t('bulk.nothing');
      this.error.hidden = false;
      return;
    }
    let answer;
    try {
      answer = await this.api.bulkTickets(body);
    } catch (error) {
      this.error.textContent = refusal(error);
      this.error.hidden = false;
      return;
    }
    // Each result names its ticket; in the order of `ids` where it does not.
    const results = (answer?.results || []).map((r, i) => ({ ...r, id: r.id || r.ticketId || body.ids[i] }));
    const refused = results.filter((r) => !r.ok);
    const done = results.length - refused.length;
    this.selected = new Set(refused.map((r) => r.id));
    replace(this.results,
      h('li', { class: 'bulk-summary', text: t('bulk.done', { n: done }) }),
      refused.map((r) => {
        const ticket = this.ticketsById(r.id);
        return h('li', { class: 'bulk-refused', dataset: { id: r.id } },
          h('strong', { text: ticket ? `#${ticket.number}` : r.id }), ' ',
          h('span', { text: reason(r.error) }));
      }));
    this.onDone();
  }
}

function reason(error) {
  if (!error) return t('bulk.refused');
  return refusal({ code: error.code, message: error.message, status: { conflict: 409, forbidden: 403, not_found: 404 }[error.code] });
}
