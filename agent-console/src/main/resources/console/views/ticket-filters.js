// The ticket list's filters (status, priority, type, queue, assignee, tag, channel, created
// between two dates), folded away under a summary that says how many are set. Each change
// applies at once; the query string is what GET /v1/tickets takes.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { STATUSES, PRIORITIES, TYPES, CHANNELS, say } from './ticket-common.js';

export class TicketFilters {
  /** @param {() => void} onChange called after any filter changed */
  constructor(onChange) {
    this.onChange = onChange;
    this.inputs = {};
    const select = (key, values, group) => this.field(key, h('select', { id: `tf-${key}` },
      h('option', { value: '', text: t('tickets.filter.any') }),
      values.map((value) => h('option', { value, text: say(group, value) }))));
    this.queueSelect = h('select', { id: 'tf-queue' }, h('option', { value: '', text: t('tickets.filter.any') }));
    this.assigneeSelect = h('select', { id: 'tf-assignee' }, this.assigneeOptions([]));
    this.summary = h('summary', { text: t('tickets.filters') });
    const fields = [
      select('status', STATUSES, 'ticketStatus'),
      select('priority', PRIORITIES, 'priority'),
      select('type', TYPES, 'type'),
      this.field('queue', this.queueSelect),
      this.field('assignee', this.assigneeSelect),
      select('channel', CHANNELS, 'channel'),
      this.field('tag', h('input', { type: 'text', id: 'tf-tag', autocomplete: 'off' })),
      this.field('from', h('input', { type: 'date', id: 'tf-from' })),
      this.field('to', h('input', { type: 'date', id: 'tf-to' })),
    ];
    this.clearButton = h('button', { type: 'button', class: 'button small', id: 'tf-clear', text: t('tickets.filter.clear'), on: { click: () => this.clear() } });
    this.element = h('details', { class: 'ticket-filters', id: 'ticket-filters' }, this.summary,
      h('form', { class: 'ticket-filter-form', on: { submit: (e) => { e.preventDefault(); this.changed(); } } },
        fields, h('div', { class: 'filter-actions' }, this.clearButton)));
    for (const input of Object.values(this.inputs)) {
      input.addEventListener('change', () => this.changed());
    }
  }

  field(key, input) {
    this.inputs[key] = input;
    return h('div', { class: 'field' }, h('label', { htmlFor: input.id, text: t(`tickets.filter.${key}`) }), input);
  }

  assigneeOptions(agents, me) {
    return [
      h('option', { value: '', text: t('tickets.filter.any') }),
      h('option', { value: 'none', text: t('tickets.unassigned') }),
      me ? h('option', { value: me.userId, text: t('tickets.filter.me') }) : null,
      agents.filter((a) => a.id !== me?.userId).map((a) => h('option', { value: a.id, text: a.name })),
    ];
  }

  /** Fills the queue and assignee choices, keeping what was chosen. */
  setChoices(queues, agents, me) {
    const queue = this.queueSelect.value;
    const assignee = this.assigneeSelect.value;
    replace(this.queueSelect, h('option', { value: '', text: t('tickets.filter.any') }),
      queues.map((q) => h('option', { value: q.id, text: q.name })));
    replace(this.assigneeSelect, this.assigneeOptions(agents, me));
    this.queueSelect.value = queue;
    this.assigneeSelect.value = assignee;
  }

  /** The filters as query parameters. */
  params() {
    const params = {};
    for (const [key, input] of Object.entries(this.inputs)) {
      const value = input.value.trim();
      if (!value) continue;
      if (key === 'from') params.from = `${value}T00:00:00Z`;
      else if (key === 'to') params.to = new Date(Date.parse(`${value}T00:00:00Z`) + 86400000).toISOString();
      else params[key] = value;
    }
    return params;
  }

  changed() {
    const n = Object.keys(this.params()).length;
    this.summary.textContent = n ? t('tickets.filtersSet', { n }) : t('tickets.filters');
    this.onChange();
  }

  clear() {
    for (const input of Object.values(this.inputs)) input.value = '';
    this.changed();
  }
}
