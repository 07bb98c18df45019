// Admin page: canned replies, listed with their shortcuts; a reply is added, changed (its row's
// edit button fills the form) or deleted. A shortcut that is taken is refused by the server with
// a message that names it, shown next to the shortcut.

import { h, replace, icon } from '../dom.js';
import { isMissing } from '../api.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { localMessage } from '../server-messages.js';

export class CannedView {
  constructor(api) {
    this.api = api;
    this.editing = null; // the reply being changed, or null to add one
    this.rows = h('tbody');
    this.shortcut = h('input', { type: 'text', id: 'canned-shortcut', placeholder: t('canned.shortcut.placeholder'), autocomplete: 'off', required: true, 'aria-describedby': 'canned-shortcut-hint' });
    this.text = h('textarea', { id: 'canned-text', rows: '3', placeholder: t('canned.text.placeholder'), required: true });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.title = h('h2', { id: 'canned-add', text: t('canned.add.title') });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('canned.add') });
    this.cancel = h('button', { type: 'button', class: 'button', hidden: true, text: t('canned.cancel'), on: { click: () => this.edit(null) } });
    const form = h('form', { class: 'card canned-form', id: 'canned-form', 'aria-labelledby': 'canned-add', on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.title,
      h('label', { htmlFor: 'canned-shortcut', text: t('canned.shortcut') }),
      h('div', { class: 'input-prefix' }, h('span', { 'aria-hidden': 'true', text: '/' }), this.shortcut),
      h('p', { class: 'muted small', id: 'canned-shortcut-hint', text: t('canned.shortcut.hint') }),
      h('label', { htmlFor: 'canned-text', text: t('canned.text') }), this.text, this.error,
      h('div', { class: 'dialog-actions' }, this.cancel, this.submit));
    this.element = h('div', { class: 'canned-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('canned.title') }),
        h('span', { class: 'muted small', text: t('canned.subtitle') })),
      h('div', { class: 'canned-grid' },
        h('section', { class: 'card' },
          h('table', { class: 'data-table', id: 'canned-table', 'aria-label': t('canned.title') },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('canned.shortcut') }), h('th', { scope: 'col', text: t('canned.text') }),
              h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('canned.actions') })))),
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
      replace(this.rows, replies.length ? replies.map((r) => h('tr', { dataset: { reply: String(r.id) } },
        h('td', {}, h('code', { text: `/${r.shortcut}` })),
        h('td', { class: 'wrap', text: r.text }),
        h('td', { class: 'actions' },
          h('button', {
            type: 'button', class: 'icon-button', 'aria-label': t('canned.edit', { shortcut: r.shortcut }), title: t('canned.edit', { shortcut: r.shortcut }),
            'aria-controls': 'canned-form', on: { click: () => this.edit(r) },
          }, icon('settings')),
          h('button', {
            type: 'button', class: 'icon-button danger', 'aria-label': t('canned.delete', { shortcut: r.shortcut }), title: t('canned.delete', { shortcut: r.shortcut }),
            on: { click: () => this.remove(r) },
          }, icon('trash')))))
        : h('tr', {}, h('td', { colspan: '3', class: 'muted', text: t('canned.none') })));
    } catch (error) {
      replace(this.rows, h('tr', {}, h('td', { colspan: '3', class: 'muted', text: isMissing(error) ? t('canned.unavailable') : t('error.load', { message: error.message }) })));
    }
  }

  /** Fills the form with `reply` to change it, or empties it to add one (null). */
  edit(reply) {
    this.editing = reply;
    this.shortcut.value = reply ? reply.shortcut : '';
    this.text.value = reply ? reply.text : '';
    this.title.textContent = reply ? t('canned.edit.title', { shortcut: reply.shortcut }) : t('canned.add.title');
    this.submit.textContent = reply ? t('canned.save') : t('canned.add');
    this.cancel.hidden = !reply;
    this.error.hidden = true;
    if (reply) this.text.focus();
  }

  async save() {
    const shortcut = this.shortcut.value.trim().replace(/^\//, '');
    const text = this.text.value.trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(shortcut)) return this.fail(t('canned.shortcut.invalid'));
    if (!text || text.length > 2000) return this.fail(t('canned.text.invalid'));
    try {
      if (this.editing) {
        await this.api.updateCannedReply(this.editing.id, shortcut, text);
        toast(t('canned.saved', { shortcut }));
      } else {
        await this.api.addCannedReply(shortcut, text);
        toast(t('canned.added', { shortcut }));
      }
      this.edit(null);
      this.load();
    } catch (error) {
      this.fail(localMessage(error.message));
    }
    return undefined;
  }

  async remove(reply) {
    if (!window.confirm(t('canned.confirmDelete', { shortcut: reply.shortcut }))) return;
    try {
      await this.api.deleteCannedReply(reply.id);
      if (this.editing?.id === reply.id) this.edit(null);
      this.load();
    } catch (error) {
      toast(t('canned.deleteFailed', { message: error.message }), 'error');
    }
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
