// The mail parts of a ticket's thread: the "by email from X" line of an entry that came in by mail,
// with buttons that show the original mail (as plain text, with a download) and, for HTML mail,
// the server's sanitized HTML in a sandboxed frame (no scripts, no same origin, no remote loads;
// never inserted into the console's own page); and under a public reply its delivery to each
// recipient: queued (with the attempts and the server's last answer), sent (when), or failed.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime } from '../format.js';
import { modal } from './dialogs.js';
import { refusal } from './ticket-common.js';

// Written into the frame before the mail: nothing loads from anywhere. The frame also keeps the
// console's own policy (a srcdoc frame inherits it), so no script and no inline style applies.
const FRAME_HEAD = '<!doctype html><meta charset="utf-8">'
  + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:">';

/** The "by email from X" line of an entry that came in by mail, or null. */
export function mailLine(entry, ticket, api) {
  const mail = entry.mail;
  if (!mail) return null;
  const button = (kind, label, open) => h('button', {
    type: 'button', class: 'link-button', dataset: { mailAction: kind },
    on: { click: (e) => open(e.currentTarget) },
  }, h('span', { text: label }));
  return h('div', { class: 'entry-mail', dataset: { mailId: String(mail.mailId) } },
    icon('mail'),
    h('span', { text: t('mail.byEmail', { from: mail.from || '' }) }),
    mail.html ? button('formatted', t('mail.viewFormatted'), (from) => showFormatted(api, ticket, mail, from)) : null,
    button('original', t('mail.viewOriginal'), (from) => showOriginal(api, ticket, mail, from)));
}

/**
 * Opens a dialog and gives the focus back to `from` when it closes, or to the same button of the
 * thread drawn anew meanwhile (a live reload replaces the entries).
 */
async function withFocusBack(from, open) {
  const selector = `.entry-mail[data-mail-id="${from.closest('.entry-mail').dataset.mailId}"] [data-mail-action="${from.dataset.mailAction}"]`;
  await open();
  const target = from.isConnected ? from : document.querySelector(selector);
  (target || document.getElementById('ticket-text'))?.focus();
}

function showOriginal(api, ticket, mail, from) {
  let blobUrl = null;
  return withFocusBack(from, async () => {
    await modal(t('mail.original.title'), () => {
      const text = h('pre', { class: 'mail-raw', id: 'mail-raw', tabIndex: 0, 'aria-label': t('mail.original.title'), text: t('mail.loading') });
      const download = h('a', { class: 'button', id: 'mail-raw-download', hidden: true, download: `mail-${mail.mailId}.eml` }, h('span', { text: t('mail.download') }));
      // The download is the mail byte for byte; the text shown is those bytes read as UTF-8.
      api.rawMail(ticket.id, mail.mailId).then(async (raw) => {
        text.textContent = await raw.text();
        blobUrl = URL.createObjectURL(raw);
        download.href = blobUrl;
        download.hidden = false;
      }, (error) => {
        text.textContent = t('mail.loadFailed', { reason: refusal(error) });
      });
      return h('div', { class: 'dialog-body' }, text, h('div', { class: 'dialog-actions' }, download));
    }, { wide: true });
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  });
}

function showFormatted(api, ticket, mail, from) {
  return withFocusBack(from, () => modal(t('mail.formatted.title'), () => {
    const status = h('p', { class: 'muted small', role: 'status', text: t('mail.loading') });
    // An empty sandbox: no scripts, no forms, no popups, and an opaque origin of its own.
    const frame = h('iframe', { class: 'mail-frame', id: 'mail-frame', sandbox: '', referrerpolicy: 'no-referrer', title: t('mail.formatted.frame', { from: mail.from || '' }) });
    api.ticketMail(ticket.id).then((mails) => {
      const found = (mails || []).find((m) => m.id === mail.mailId);
      if (!found?.html) {
        status.textContent = t('mail.noHtml');
        return;
      }
      frame.srcdoc = FRAME_HEAD + found.html;
      status.textContent = t('mail.formatted.note');
    }, (error) => {
      status.textContent = t('mail.loadFailed', { reason: refusal(error) });
    });
    return h('div', { class: 'dialog-body' }, status, frame);
  }, { wide: true }));
}

/** Under a public reply: its delivery by mail to each recipient, or null when it is not mailed. */
export function deliveryList(entry) {
  const deliveries = entry.delivery || [];
  if (!deliveries.length) return null;
  return h('ul', { class: 'delivery-list', 'aria-label': t('mail.delivery.label') },
    deliveries.map((d) => h('li', { class: `delivery delivery-${d.state}`, dataset: { state: d.state, to: d.to || '' } },
      h('span', { class: 'delivery-to', text: t('mail.delivery.to', { to: d.to || '' }) }),
      h('span', { class: 'delivery-state', text: t(`mail.delivery.${['queued', 'sent', 'failed'].includes(d.state) ? d.state : 'queued'}`) }),
      deliveryFacts(d))));
}

function deliveryFacts(d) {
  if (d.state === 'sent') {
    return d.sentAt ? h('time', { datetime: d.sentAt, title: fullTime(d.sentAt), text: shortTime(d.sentAt) }) : null;
  }
  const parts = [];
  if (d.attempts) parts.push(h('span', { class: 'delivery-attempts', text: t('mail.delivery.attempts', { n: d.attempts }) }));
  if (d.state === 'queued' && d.attempts && d.nextAttemptAt) {
    parts.push(h('span', { text: t('mail.delivery.next', { time: shortTime(d.nextAttemptAt) }) }));
  }
  if (d.error) parts.push(h('span', { class: 'delivery-error' }, h('span', { text: t('mail.delivery.answer') }), ' ', h('code', { text: d.error })));
  return parts.length ? h('span', { class: 'delivery-facts' }, parts) : null;
}

/** True while a reply of the ticket waits to be mailed: its page then checks back now and then. */
export function awaitingDelivery(ticket) {
  return (ticket.entries || []).some((entry) => (entry.delivery || []).some((d) => d.state === 'queued'));
}
