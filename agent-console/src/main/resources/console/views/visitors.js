// The live-visitors page: who is on the sites this staff member may see right now (page, time on
// site, new or returning, language), refreshed every 15 seconds while shown, and an Invite
// button per visitor that sends them an invitation to chat from the signed-in agent.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { emptyRow, showLoadError } from './admin-list.js';
import { modal, toast } from './dialogs.js';

const REFRESH_MS = 15000;

export class VisitorsView {
  constructor(api) {
    this.api = api;
    this.timer = null;
    this.rows = h('tbody');
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const columns = ['visitor', 'page', 'time', 'kind', 'language'];
    this.element = h('div', { class: 'admin-page visitors-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('visitors.title') }),
        h('span', { class: 'muted small', text: t('visitors.subtitle') })),
      this.error,
      h('section', { class: 'card' },
        h('div', { class: 'table-scroll' },
          h('table', { class: 'data-table', id: 'visitors-table', 'aria-label': t('visitors.label') },
            h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', text: t(`visitors.col.${c}`) })),
              h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('visitors.invite') })))),
            this.rows))));
  }

  show() {
    this.load();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), REFRESH_MS);
  }

  hide() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async load() {
    let visitors;
    try {
      ({ visitors } = await this.api.liveVisitors());
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    replace(this.rows, visitors.length ? visitors.map((v) => this.row(v)) : emptyRow(6, t('visitors.empty')));
  }

  row(visitor) {
    const name = visitor.name || t('visitors.anonymous', { id: visitor.contactId.slice(0, 6) });
    const seconds = Math.max(0, visitor.secondsOnSite || 0);
    return h('tr', { dataset: { contact: visitor.contactId } },
      h('th', { scope: 'row' }, h('span', { text: name }), h('span', { class: 'muted small queue-id', text: visitor.siteId })),
      h('td', { class: 'visitor-page' }, h('span', { text: visitor.title || visitor.url || '' }),
        visitor.title ? h('span', { class: 'muted small queue-id', text: visitor.url }) : null),
      h('td', { text: t('visitors.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 }) }),
      h('td', { text: visitor.returning ? t('visitors.returning', { n: visitor.visits }) : t('visitors.new') }),
      h('td', { text: visitor.language || '' }),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'button', 'aria-label': t('visitors.inviteLabel', { name }),
        on: { click: () => this.invite(visitor, name) },
      }, t('visitors.invite'))));
  }

  invite(visitor, name) {
    return modal(t('visitors.dialog', { name }), (close) => {
      const text = h('textarea', { id: 'invite-text', rows: '3', maxlength: 1000, required: true });
      text.value = t('visitors.defaultMessage');
      const failure = h('p', { class: 'form-error', role: 'alert', hidden: true });
      const form = h('form', { class: 'dialog-body', novalidate: true, on: { submit: async (event) => {
        event.preventDefault();
        const message = text.value.trim();
        if (!message) return text.focus();
        try {
          await this.api.inviteVisitor(visitor.contactId, message);
          toast(t('visitors.sent', { name }));
          close(true);
        } catch (error) {
          failure.textContent = error.status === 409 ? t('visitors.left') : t('visitors.failed', { message: error.message });
          failure.hidden = false;
        }
      } } },
      h('label', { htmlFor: 'invite-text', text: t('visitors.message') }), text, failure,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', on: { click: () => close() } }, t('visitors.cancel')),
        h('button', { type: 'submit', class: 'button primary', id: 'invite-send' }, t('visitors.send'))));
      requestAnimationFrame(() => text.focus());
      return form;
    });
  }
}
