// The composer under the open conversation: reply or private note (Alt+N), a draft per
// conversation, typing notifications (at most one every 3 s, and "stopped" when idle or sent),
// and canned replies through "/shortcut" with a keyboard-driven popup. Files (button, drop, paste)
// upload at once; a message with files goes into the outbox only once they are all uploaded, and
// a failed upload holds it back with its reason until the agent removes or retries the file.

import { h, icon } from '../dom.js';
import { CannedPopup } from './canned-popup.js';
import { toast } from './dialogs.js';
import { t } from '../i18n.js';
import { AttachmentTray } from './attachment-tray.js';

const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;

export class Composer {
  /**
   * @param {import('../inbox.js').Inbox} inbox
   * @param {{onSubmitted: () => void}} options called after a message or note was queued
   */
  constructor(inbox, { onSubmitted }) {
    this.inbox = inbox;
    this.onSubmitted = onSubmitted;
    this.drafts = new Map();
    this.modes = new Map();
    this.typingSentAt = 0;
    this.typingIdle = null;
    this.typingActiveFor = null;
    this.shownId = null;

    this.textarea = h('textarea', {
      class: 'composer-input', rows: '3', 'aria-label': t('composer.message'), id: 'composer-input', placeholder: t('composer.placeholder'),
    });
    this.canned = new CannedPopup(this.textarea, 'canned-popup', () => this.onInput());
    this.replyTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab', text: t('composer.reply'), on: { click: () => this.setMode('reply') } });
    this.noteTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab note-tab', title: 'Alt+N', on: { click: () => this.setMode('note') } }, icon('note'), h('span', { text: t('composer.note') }));
    this.sendButton = h('button', { type: 'submit', class: 'button primary send-button' }, icon('send'), h('span', { text: t('composer.send') }));
    this.tray = new AttachmentTray('chat', { site: () => null });
    this.fileStatus = h('p', { class: 'form-error attach-status', role: 'status', hidden: true });
    this.element = h('form', { class: 'composer', on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      h('div', { class: 'composer-tabs', role: 'tablist', 'aria-label': t('composer.mode') }, this.replyTab, this.noteTab),
      this.canned.element, this.textarea, this.tray.list, this.tray.input, this.fileStatus,
      h('div', { class: 'composer-foot' }, this.tray.button,
        h('span', { class: 'composer-hint', text: t('composer.hint') }),
        this.sendButton));
    this.tray.bind(this.element, this.textarea);

    this.textarea.addEventListener('keydown', (e) => this.onKey(e));
    this.textarea.addEventListener('input', () => this.onInput());
  }

  get active() {
    return this.inbox.activeId ? this.inbox.get(this.inbox.activeId) : null;
  }

  /** Switches to another conversation: keeps the draft and mode of the one left behind. */
  show(id) {
    if (this.shownId && this.shownId !== id) {
      this.drafts.set(this.shownId, this.textarea.value);
      this.stopTyping();
    }
    this.shownId = id;
    this.tray.use(id);
    this.fileStatus.hidden = true;
    this.textarea.value = this.drafts.get(id) || '';
    this.setMode(this.modes.get(id) || 'reply', false);
    this.hideCanned();
  }

  focus() {
    this.textarea.focus();
  }

  get mode() {
    return this.modes.get(this.inbox.activeId) || 'reply';
  }

  setMode(mode, focus = true) {
    if (this.inbox.activeId) this.modes.set(this.inbox.activeId, mode);
    const note = mode === 'note';
    if (note) this.stopTyping();
    this.element.classList.toggle('note-mode', note);
    this.replyTab.setAttribute('aria-selected', String(!note));
    this.noteTab.setAttribute('aria-selected', String(note));
    this.textarea.placeholder = t(note ? 'composer.notePlaceholder' : 'composer.placeholder');
    this.textarea.setAttribute('aria-label', t(note ? 'composer.note' : 'composer.message'));
    this.sendButton.lastChild.textContent = t(note ? 'composer.addNote' : 'composer.send');
    // Private notes carry text only: files wait in the tray for the next reply.
    this.tray.button.hidden = note;
    this.tray.list.hidden = note || this.tray.empty;
    if (focus) this.textarea.focus();
  }

  toggleMode() {
    this.setMode(this.mode === 'note' ? 'reply' : 'note');
  }

  submit() {
    const c = this.active;
    const text = this.textarea.value.trim();
    const files = this.mode === 'reply' && !this.tray.empty;
    if (!c || (!text && !files) || c.status === 'closed' || this.waiting) return;
    if (text.length > 8000) {
      toast(t('composer.tooLong'), 'error');
      return;
    }
    if (files) {
      this.sendWithFiles(c, text);
      return;
    }
    if (this.mode === 'note') this.inbox.note(c.id, text);
    else {
      this.stopTyping();
      this.inbox.send(c.id, text);
    }
    this.sent(c.id);
  }

  /** Waits for the files' uploads, then queues the message with them (or says what failed). */
  async sendWithFiles(c, text) {
    this.waiting = true;
    const waiting = this.tray.items.some((item) => item.state === 'uploading');
    if (waiting) this.sayFiles(t('attach.waiting'));
    const items = this.tray.items;
    const ids = await this.tray.ready();
    this.waiting = false;
    if (!ids) {
      if (this.shownId === c.id) this.sayFiles(t('attach.blocked'));
      return;
    }
    this.stopTyping();
    this.inbox.send(c.id, text, items.map((item) => item.attachment));
    this.tray.drop(c.id);
    if (this.shownId === c.id) this.sent(c.id);
    else this.drafts.delete(c.id);
  }

  sayFiles(message) {
    this.fileStatus.textContent = message;
    this.fileStatus.hidden = false;
  }

  /** Empties the composer after a message or note of `id` was queued. */
  sent(id) {
    this.fileStatus.hidden = true;
    this.textarea.value = '';
    this.drafts.delete(id);
    this.hideCanned();
    this.onSubmitted();
  }

  onKey(e) {
    if (this.canned.key(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  onInput() {
    const c = this.active;
    if (!c) return;
    this.canned.update();
    if (this.mode === 'note' || c.status === 'closed') return;
    if (!this.textarea.value.trim()) {
      this.stopTyping();
      return;
    }
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_EVERY_MS || this.typingActiveFor !== c.id) {
      this.typingSentAt = now;
      this.typingActiveFor = c.id;
      this.inbox.typing(c.id, true);
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.typingIdle);
    if (this.typingActiveFor) {
      const conversation = this.inbox.get(this.typingActiveFor);
      if (conversation && conversation.status !== 'closed') this.inbox.typing(this.typingActiveFor, false);
      this.typingActiveFor = null;
      this.typingSentAt = 0;
    }
  }

  // ---- canned replies -----------------------------------------------------------------------

  setCanned(replies) {
    this.canned.set(replies);
  }

  hideCanned() {
    this.canned.hide();
  }
}
