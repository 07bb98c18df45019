// The support addresses tab's read-only list of ignored mail: what reached a support address but
// opened no ticket and got no answer (auto-replies, bounces, bulk and list mail, mail from our own
// addresses...), newest first, with the sender, the subject, the reason in words and the time.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime } from '../format.js';
import { emptyRow, showLoadError } from './admin-list.js';

const REASONS = ['auto_submitted', 'auto_reply', 'mailing_list', 'delivery_report', 'bounce', 'no_sender',
  'mailer_daemon', 'own_address', 'address_removed', 'unreadable', 'threading_failed'];

/** The reason code in words: "precedence_bulk" → "Precedence: bulk"; an unknown code as it is. */
export function ignoredReason(code) {
  const precedence = /^precedence_(.+)$/.exec(code || '');
  if (precedence) return t('mailIgnored.reason.precedence', { value: precedence[1] });
  return REASONS.includes(code) ? t(`mailIgnored.reason.${code}`) : String(code || '');
}

export class IgnoredMailList {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.refresh = h('button', { type: 'button', class: 'button', id: 'mail-ignored-refresh', text: t('mailIgnored.refresh'), on: { click: () => this.load() } });
    this.element = h('section', { class: 'card ignored-mail', 'aria-labelledby': 'mail-ignored-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'mail-ignored-title', text: t('mailIgnored.title') }), this.refresh),
      h('p', { class: 'muted small', text: t('mailIgnored.subtitle') }),
      this.error,
      h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'mail-ignored-title' },
        h('table', { class: 'data-table', id: 'mail-ignored-table', 'aria-labelledby': 'mail-ignored-title' },
          h('thead', {}, h('tr', {}, ['from', 'subject', 'reason', 'at'].map((key) => h('th', { scope: 'col', text: t(`mailIgnored.col.${key}`) })))),
          this.rows)));
  }

  async load() {
    let ignored;
    try {
      ignored = await this.api.ignoredMail();
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    replace(this.rows, ignored.length ? ignored.map((mail) => h('tr', { dataset: { ignored: String(mail.id) } },
      h('td', { class: 'wrap', text: mail.from || t('mailIgnored.noSender') }),
      h('td', { class: 'wrap', text: mail.subject || t('mailIgnored.noSubject') }),
      h('td', { class: 'wrap', dataset: { reason: mail.reason || '' }, text: ignoredReason(mail.reason) }),
      h('td', {}, h('time', { datetime: mail.receivedAt, title: fullTime(mail.receivedAt), text: shortTime(mail.receivedAt) }))))
      : emptyRow(4, t('mailIgnored.empty')));
    return true;
  }
}
