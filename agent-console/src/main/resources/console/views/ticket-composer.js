// The ticket page's composer: a public reply or an internal note (Alt+N switches), a reply may
// propose the solution and move the ticket to a status the workflow allows, canned replies with
// "/shortcut", and Ctrl+Enter sends. A draft is kept per ticket while the console is open. Files
// are attached with the button, by dropping them on the composer or by pasting them; the reply
// or note goes out once they are all uploaded, with their ids.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { CannedPopup } from './canned-popup.js';
import { NEXT_STATUSES, say, refusal } from './ticket-common.js';
import { AttachmentTray } from './attachment-tray.js';

export class TicketComposer {
  /** @param {{api: object, onSent: (ticket: object) => void}} options */
  constructor({ api, onSent }) {
    this.api = api;
    this.onSent = onSent;
    this.ticket = null;
    this.mode = 'reply';
    this.drafts = new Map();
    this.textarea = h('textarea', { id: 'ticket-text', rows: '4', class: 'composer-input' });
    this.canned = new CannedPopup(this.textarea, 'ticket-canned');
    this.replyTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab', id: 'ticket-mode-reply', text: t('ticketComposer.reply'), on: { click: () => this.setMode('reply') } });
    this.noteTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab note-tab', id: 'ticket-mode-note', title: 'Alt+N', on: { click: () => this.setMode('note') } },
      icon('note'), h('span', { text: t('ticketComposer.note') }));
    this.proposed = h('input', { type: 'checkbox', id: 'ticket-proposed' });
    this.status = h('select', { id: 'ticket-then-status' });
    this.replyOptions = h('div', { class: 'reply-options' },
      h('label', { class: 'choice', htmlFor: 'ticket-proposed' }, this.proposed, h('span', { text: t('ticketComposer.proposed') })),
      h('label', { class: 'then-status', htmlFor: 'ticket-then-status' }, h('span', { text: t('ticketComposer.thenStatus') }), this.status));
    this.send = h('button', { type: 'submit', class: 'button primary', id: 'ticket-send' }, icon('send'), h('span'));
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.tray = new AttachmentTray('ticket', { site: () => this.ticket?.siteId || null });
    this.element = h('form', { class: 'composer ticket-composer', id: 'ticket-composer', on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      h('div', { class: 'composer-tabs', role: 'tablist', 'aria-label': t('composer.mode') }, this.replyTab, this.noteTab),
      this.canned.element, this.textarea, this.tray.list, this.tray.input, this.replyOptions, this.error,
      h('div', { class: 'composer-foot' }, this.tray.button, h('span', { class: 'composer-hint' }, h('kbd', { text: 'Ctrl + Enter' }), ' ', t('ticketComposer.hint')), this.send));
    // Hidden until its ticket is known: a file attached earlier would be checked without the
    // ticket's site and its limits.
    this.element.hidden = true;
    this.tray.bind(this.element, this.textarea);
    this.textarea.addEventListener('input', () => this.canned.update());
    this.textarea.addEventListener('keydown', (e) => {
      if (this.canned.key(e)) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.submit();
      }
    });
    this.setMode('reply', false);
  }

  setCanned(replies) {
    this.canned.set(replies);
  }

  /** Shows the composer for `ticket` (keeping the draft of another ticket). */
  show(ticket) {
    if (this.ticket && this.ticket.id !== ticket.id) this.drafts.set(this.ticket.id, this.textarea.value);
    if (!this.ticket || this.ticket.id !== ticket.id) {
      this.textarea.value = this.drafts.get(ticket.id) || '';
      if (this.ticket && !this.busy) this.tray.clear();
    }
    this.ticket = ticket;
    const keep = this.status.value;
    replace(this.status, h('option', { value: '', text: t('ticketComposer.keepStatus', { status: say('ticketStatus', ticket.status) }) }),
      (NEXT_STATUSES[ticket.status] || []).filter((s) => s !== 'closed').map((value) => h('option', { value, text: say('ticketStatus', value) })));
    this.status.value = [...this.status.options].some((o) => o.value === keep) ? keep : '';
    this.element.hidden = ticket.status === 'closed';
  }

  toggleMode() {
    this.setMode(this.mode === 'note' ? 'reply' : 'note');
  }

  setMode(mode, focus = true) {
    this.mode = mode;
    const note = mode === 'note';
    this.element.classList.toggle('note-mode', note);
    this.replyTab.setAttribute('aria-selected', String(!note));
    this.noteTab.setAttribute('aria-selected', String(note));
    this.replyOptions.hidden = note;
    this.textarea.placeholder = t(note ? 'ticketComposer.notePlaceholder' : 'ticketComposer.replyPlaceholder');
    this.textarea.setAttribute('aria-label', t(note ? 'ticketComposer.note' : 'ticketComposer.reply'));
    this.send.lastChild.textContent = t(note ? 'ticketComposer.addNote' : 'ticketComposer.send');
    if (focus) this.textarea.focus();
  }

  async submit() {
    const text = this.textarea.value.trim();
    if (!this.ticket || (!text && this.tray.empty) || this.busy) return;
    this.error.hidden = true;
    if (text.length > 20000) {
      this.fail(t('ticketComposer.tooLong'));
      return;
    }
    this.busy = true;
    this.send.disabled = true;
    try {
      const ticketId = this.ticket.id;
      const attachments = await this.filesReady();
      if (!attachments) return;
      let answer;
      if (this.mode === 'note') answer = await this.api.noteTicket(ticketId, text, attachments);
      else {
        const body = { text };
        if (attachments.length) body.attachments = attachments;
        if (this.proposed.checked) body.proposedSolution = true;
        if (this.status.value) body.status = this.status.value;
        answer = await this.api.replyTicket(ticketId, body);
      }
      this.tray.clear();
      this.textarea.value = '';
      this.drafts.delete(this.ticket.id);
      this.proposed.checked = false;
      this.status.value = '';
      this.onSent(answer?.ticket || null);
    } catch (error) {
      this.fail(refusal(error));
    } finally {
      this.busy = false;
      this.send.disabled = false;
    }
  }

  /** The uploaded files' ids once every upload has ended, or null (said) when one failed. */
  async filesReady() {
    if (this.tray.empty) return [];
    const waiting = this.tray.items.some((item) => item.state === 'uploading');
    if (waiting) this.fail(t('attach.waiting'));
    const ids = await this.tray.ready();
    if (!ids) this.fail(t('attach.blocked'));
    else this.error.hidden = true;
    return ids;
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
