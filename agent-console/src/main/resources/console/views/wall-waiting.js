// The wall's list of waiting conversations (GET /v1/queues/{id}/waiting of each queue with
// someone waiting), each with an "Assign…" button that opens the assign dialog. Rows are kept by
// conversation id across refreshes, so the button a supervisor has focused stays focused.

import { h, replace } from '../dom.js';
import { duration } from '../format.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { assignDialog } from './assign-dialog.js';

export class WaitingPanel {
  /** `onChanged` refreshes the whole wall after an assignment. */
  constructor(api, onChanged) {
    this.api = api;
    this.onChanged = onChanged;
    this.queues = [];
    this.rows = new Map(); // conversation id -> row element
    this.generation = 0;
    this.body = h('tbody');
    this.count = h('span', { class: 'count-badge', id: 'wall-waiting-count' });
    this.title = h('h2', { id: 'wall-waiting-list', tabIndex: -1, text: t('waiting.title') });
    this.element = h('section', { class: 'card', 'aria-labelledby': 'wall-waiting-list', lang: language() },
      h('div', { class: 'card-head' }, this.title, this.count),
      h('table', { class: 'data-table', id: 'wall-waiting-table', 'aria-label': t('waiting.label') },
        h('thead', {}, h('tr', {}, ['waiting.col.visitor', 'waiting.col.queue', 'waiting.col.language', 'waiting.col.waited']
          .map((key) => h('th', { scope: 'col', text: t(key) })),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('waiting.col.actions') })))),
        this.body));
  }

  /** Loads the waiting lists of the wall's queues that have someone waiting, and shows them. */
  async update(queues) {
    const generation = ++this.generation;
    this.queues = queues;
    const busy = queues.filter((q) => q.waiting > 0);
    let lists;
    try {
      lists = await Promise.all(busy.map((q) => this.api.waiting(q.id)));
    } catch {
      return; // the wall's own error line reports an unreachable server; keep what is shown
    }
    if (generation !== this.generation) return; // a newer refresh has started
    const entries = busy.flatMap((queue, i) => lists[i].map((row) => ({ ...row, queue })));
    this.render(entries);
  }

  render(entries) {
    this.count.textContent = String(entries.length);
    const seen = new Set();
    const ordered = entries.map((entry) => {
      seen.add(entry.conversationId);
      let row = this.rows.get(entry.conversationId);
      if (!row) {
        row = this.buildRow(entry);
        this.rows.set(entry.conversationId, row);
      }
      row.fill(entry);
      return row;
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
    if (!ordered.length) {
      replace(this.body, h('tr', { class: 'waiting-empty' }, h('td', { colspan: '5', class: 'muted', text: t('waiting.none') })));
      return;
    }
    this.body.querySelector('.waiting-empty')?.remove();
    // Moves only rows out of place, so a focused button is not detached needlessly.
    ordered.forEach((row, i) => {
      if (this.body.children[i] !== row) this.body.insertBefore(row, this.body.children[i] || null);
    });
  }

  buildRow(first) {
    const name = h('span', { class: 'waiting-name' });
    const queue = h('td', { dataset: { field: 'queue' } });
    const lang = h('td', { dataset: { field: 'language' } });
    const waited = h('td', { class: 'num', dataset: { field: 'waited' } });
    const button = h('button', { type: 'button', class: 'button small', 'aria-haspopup': 'dialog', text: t('waiting.assign') });
    const row = h('tr', { dataset: { conversation: first.conversationId } },
      h('th', { scope: 'row' }, name), queue, lang, waited, h('td', { class: 'row-actions' }, button));
    let current = first;
    row.fill = (entry) => {
      current = entry;
      const label = entry.contactName || t('waiting.anonymous', { n: entry.position });
      name.textContent = label;
      queue.textContent = entry.queue.name || entry.queue.id;
      lang.textContent = entry.language || '—';
      waited.textContent = duration(entry.waitingSeconds || 0);
      button.setAttribute('aria-label', t('waiting.assignLabel', { name: label }));
    };
    button.addEventListener('click', () => this.assign(current, row));
    return row;
  }

  async assign(entry, row) {
    const name = entry.contactName || t('waiting.anonymous', { n: entry.position });
    const done = await assignDialog({ api: this.api, waiting: { ...entry, name }, queue: entry.queue, queues: this.queues });
    if (!done) return;
    toast(t(done.toAgent ? 'assign.doneAgent' : 'assign.doneQueue', { name, agent: done.name, queue: done.name }));
    const next = row.nextElementSibling || row.previousElementSibling;
    if (done.toAgent) {
      // No longer waiting: gone at once, and a refresh already in flight is not shown.
      this.generation++;
      this.rows.delete(entry.conversationId);
      row.remove();
    }
    await this.onChanged();
    // The row is gone (or moved): keep the keyboard user in the list.
    const target = row.isConnected ? row.querySelector('button') : next?.isConnected ? next.querySelector('button') : null;
    (target || this.title).focus();
  }
}
