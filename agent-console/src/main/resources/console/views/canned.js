// Admin page: list, add and delete canned replies.

import { h, replace, icon } from '../dom.js';
import { isMissing } from '../api.js';
import { toast } from './dialogs.js';

export class CannedView {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.shortcut = h('input', { type: 'text', id: 'canned-shortcut', placeholder: 'e.g. hello', autocomplete: 'off', required: true });
    this.text = h('textarea', { id: 'canned-text', rows: '3', placeholder: 'The reply the agent inserts', required: true });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'card canned-form', 'aria-labelledby': 'canned-add', on: { submit: (e) => { e.preventDefault(); this.add(); } } },
      h('h2', { id: 'canned-add', text: 'Add a canned reply' }),
      h('label', { htmlFor: 'canned-shortcut', text: 'Shortcut' }),
      h('div', { class: 'input-prefix' }, h('span', { 'aria-hidden': 'true', text: '/' }), this.shortcut),
      h('p', { class: 'muted small', text: 'Letters, digits, - and _; at most 32 characters.' }),
      h('label', { htmlFor: 'canned-text', text: 'Text' }), this.text, this.error,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', text: 'Add reply' })));
    this.element = h('div', { class: 'canned-page' },
      h('div', { class: 'page-head' }, h('h1', { text: 'Canned replies' }),
        h('span', { class: 'muted small', text: 'Agents insert them by typing / and the shortcut in the composer.' })),
      h('div', { class: 'canned-grid' },
        h('section', { class: 'card' },
          h('table', { class: 'data-table', id: 'canned-table', 'aria-label': 'Canned replies' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Shortcut' }), h('th', { scope: 'col', text: 'Text' }), h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: 'Actions' })))),
            this.rows)),
        form));
  }

  show() {
    this.load();
  }

  hide() {}

  async load() {
    try {
      const replies = await this.api.cannedReplies();
      replace(this.rows, replies.length ? replies.map((r) => h('tr', {},
        h('td', {}, h('code', { text: `/${r.shortcut}` })),
        h('td', { class: 'wrap', text: r.text }),
        h('td', { class: 'actions' }, h('button', {
          type: 'button', class: 'icon-button danger', 'aria-label': `Delete /${r.shortcut}`, title: 'Delete',
          on: { click: () => this.remove(r) },
        }, icon('trash')))))
        : h('tr', {}, h('td', { colspan: '3', class: 'muted', text: 'No canned replies yet.' })));
    } catch (error) {
      replace(this.rows, h('tr', {}, h('td', { colspan: '3', class: 'muted', text: isMissing(error) ? 'Canned replies are not available on this server yet.' : `Could not load: ${error.message}` })));
    }
  }

  async add() {
    const shortcut = this.shortcut.value.trim().replace(/^\//, '');
    const text = this.text.value.trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(shortcut)) return this.fail('The shortcut has 1 to 32 letters, digits, - or _.');
    if (!text || text.length > 2000) return this.fail('The text has 1 to 2000 characters.');
    try {
      await this.api.addCannedReply(shortcut, text);
      this.shortcut.value = '';
      this.text.value = '';
      this.error.hidden = true;
      toast(`Added /${shortcut}.`);
      this.load();
    } catch (error) {
      this.fail(error.message);
    }
    return undefined;
  }

  async remove(reply) {
    if (!window.confirm(`Delete the canned reply /${reply.shortcut}?`)) return;
    try {
      await this.api.deleteCannedReply(reply.id);
      this.load();
    } catch (error) {
      toast(`Could not delete: ${error.message}`, 'error');
    }
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
