// The admin page (admins only; the server refuses everyone else): the queues with their main
// settings, the editor of the chosen queue (settings with required skills and languages, business
// hours, holidays), and the agents with their capacity, queue memberships, skills and languages.

import { h, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { QueueEditor } from './admin-queue.js';
import { AgentsPanel } from './admin-agents.js';
import { PagedRows } from './admin-list.js';

export class AdminView {
  constructor(api) {
    this.api = api;
    this.queues = [];
    this.selected = null; // a queue id, '' for a new queue, null before the first load
    this.loads = 0; // counts the loads: an answer to an older one is not shown
    this.choices = 0; // counts the queues chosen by hand: a load that answers later keeps the choice
    this.rows = h('tbody');
    this.paged = new PagedRows({ kind: 'queue', strings: 'admin.queues', rows: this.rows, columns: 7,
      draw: (queues) => queues.map((queue) => this.row(queue)),
      matches: (queue, words) => `${queue.name}\n${queue.id}`.toLowerCase().includes(words) });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.editor = new QueueEditor(api, (id) => this.load(id));
    this.agents = new AgentsPanel(api);
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('admin.title') }),
        h('span', { class: 'muted small', text: t('admin.subtitle') })),
      this.error,
      h('div', { class: 'admin-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'admin-queues-title' },
          h('div', { class: 'card-head' }, h('h2', { id: 'admin-queues-title', text: t('admin.queues') }),
            h('button', { type: 'button', class: 'button', id: 'admin-new-queue', on: { click: () => this.select('', true) } },
              h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t('admin.queues.new') }))),
          this.paged.findField,
          h('table', { class: 'data-table', id: 'admin-queue-table', 'aria-label': t('admin.queues.label') },
            h('thead', {}, h('tr', {}, ['admin.col.queue', 'admin.col.priority', 'admin.col.strategy', 'admin.col.routing', 'admin.col.hours', 'admin.col.state']
              .map((key) => h('th', { scope: 'col', text: t(key) })), h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('admin.queues.edit', { name: '' }) })))),
            this.rows), this.paged.pager.element),
        this.editor.element),
      this.agents.element);
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  /** Reloads queues and agents, then shows `selectId` (a queue id, '' for a new one) in the editor. */
  async load(selectId) {
    const serial = ++this.loads;
    const choices = this.choices;
    let queues;
    let agents;
    try {
      [queues, agents] = await Promise.all([this.api.adminQueues(), this.api.agents()]);
    } catch (error) {
      if (serial !== this.loads) return;
      this.error.textContent = error.status === 403 ? t('error.forbidden') : t('error.load', { message: error.message });
      this.error.hidden = false;
      return;
    }
    if (serial !== this.loads) return;
    this.error.hidden = true;
    this.queues = queues;
    this.agents.render(agents, queues);
    if (choices !== this.choices) {
      // The admin chose another queue (or a new one) meanwhile: their form stays as it is.
      this.paged.show(queues, this.selected);
      this.select(this.selected, false, false);
      return;
    }
    const keep = selectId === '' || queues.some((q) => q.id === selectId);
    const id = keep ? selectId : (queues[0]?.id ?? '');
    this.paged.show(queues, id);
    this.select(id, false);
  }

  row(queue) {
    return h('tr', { dataset: { queue: queue.id }, class: queue.id === this.selected ? 'selected' : '' },
      h('th', { scope: 'row' }, h('span', { text: queue.name }), h('span', { class: 'muted small queue-id', text: queue.id })),
      h('td', { class: 'num', dataset: { field: 'priority' }, text: String(queue.priority) }),
      h('td', { dataset: { field: 'strategy' }, text: t(`queue.strategy.${queue.strategy}`) }),
      h('td', { dataset: { field: 'routing' }, text: routingSummary(queue) }),
      h('td', { dataset: { field: 'hours' }, text: (queue.hours || []).length
        ? `${t('admin.hours.slots', { n: queue.hours.length })} · ${queue.timeZone}` : `${t('admin.hours.always')} · ${queue.timeZone}` }),
      h('td', { dataset: { field: 'state' } }, h('span', { class: `status-pill ${queue.paused ? 'away' : 'online'}`, text: t(queue.paused ? 'admin.state.paused' : 'admin.state.open') })),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'icon-button', 'aria-label': t('admin.queues.edit', { name: queue.name }), title: t('admin.queues.edit', { name: queue.name }),
        'aria-controls': 'queue-form', on: { click: () => this.select(queue.id, true) },
      }, icon('settings'))));
  }

  /** Shows queue `id` ('' for a new one) in the editor; `byHand` when the admin chose it. */
  select(id, byHand, edit = true) {
    if (byHand) this.choices++;
    this.selected = id;
    for (const row of this.rows.querySelectorAll('tr[data-queue]')) {
      row.classList.toggle('selected', row.dataset.queue === id);
    }
    if (!edit) return;
    const siteIds = [...new Set(this.queues.map((q) => q.siteId))];
    this.editor.edit(this.queues.find((q) => q.id === id) || null, siteIds);
    if (byHand) this.editor.focus();
  }
}

/** "billing, refunds · zh-CN", or "—" for a queue any member may serve. */
function routingSummary(queue) {
  const parts = [(queue.skills || []).join(', '), (queue.languages || []).join(', ')].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}
