// The composer under the open conversation: reply or private note (Alt+N), a draft per
// conversation, typing notifications (at most one every 3 s, and "stopped" when idle or sent),
// and canned replies through "/shortcut" with a keyboard-driven popup.

import { h, replace, icon } from '../dom.js';
import { toast } from './dialogs.js';
import { t } from '../i18n.js';

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
    this.canned = [];
    this.cannedState = null;
    this.typingSentAt = 0;
    this.typingIdle = null;
    this.typingActiveFor = null;
    this.shownId = null;

    this.textarea = h('textarea', {
      class: 'composer-input', rows: '3', 'aria-label': t('composer.message'), id: 'composer-input', placeholder: t('composer.placeholder'),
    });
    this.cannedBox = h('ul', { class: 'canned-popup', role: 'listbox', id: 'canned-popup', 'aria-label': t('composer.canned'), hidden: true });
    this.textarea.setAttribute('aria-controls', 'canned-popup');
    this.textarea.setAttribute('aria-autocomplete', 'list');
    this.replyTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab', text: t('composer.reply'), on: { click: () => this.setMode('reply') } });
    this.noteTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab note-tab', title: 'Alt+N', on: { click: () => this.setMode('note') } }, icon('note'), h('span', { text: t('composer.note') }));
    this.sendButton = h('button', { type: 'submit', class: 'button primary send-button' }, icon('send'), h('span', { text: t('composer.send') }));
    this.element = h('form', { class: 'composer', on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      h('div', { class: 'composer-tabs', role: 'tablist', 'aria-label': t('composer.mode') }, this.replyTab, this.noteTab),
      this.cannedBox, this.textarea,
      h('div', { class: 'composer-foot' },
        h('span', { class: 'composer-hint', text: t('composer.hint') }),
        this.sendButton));

    this.textarea.addEventListener('keydown', (e) => this.onKey(e));
    this.textarea.addEventListener('input', () => this.onInput());
    this.textarea.addEventListener('blur', () => setTimeout(() => {
      if (document.activeElement !== this.textarea) this.hideCanned();
    }, 150));
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
    if (focus) this.textarea.focus();
  }

  toggleMode() {
    this.setMode(this.mode === 'note' ? 'reply' : 'note');
  }

  submit() {
    const c = this.active;
    const text = this.textarea.value.trim();
    if (!c || !text || c.status === 'closed') return;
    if (text.length > 8000) {
      toast(t('composer.tooLong'), 'error');
      return;
    }
    if (this.mode === 'note') this.inbox.note(c.id, text);
    else {
      this.stopTyping();
      this.inbox.send(c.id, text);
    }
    this.textarea.value = '';
    this.drafts.delete(c.id);
    this.hideCanned();
    this.onSubmitted();
  }

  onKey(e) {
    if (this.cannedState && !this.cannedBox.hidden) {
      const { matches } = this.cannedState;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const delta = e.key === 'ArrowDown' ? 1 : -1;
        this.cannedState.index = (this.cannedState.index + delta + matches.length) % matches.length;
        this.renderCanned();
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && matches.length) {
        e.preventDefault();
        this.insertCanned(matches[this.cannedState.index]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        this.hideCanned();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    }
  }

  onInput() {
    const c = this.active;
    if (!c) return;
    this.updateCanned();
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
    this.canned = replies || [];
  }

  cannedToken() {
    const before = this.textarea.value.slice(0, this.textarea.selectionStart);
    const match = /(^|\s)\/([A-Za-z0-9_-]*)$/.exec(before);
    return match ? { query: match[2], start: before.length - match[2].length - 1 } : null;
  }

  updateCanned() {
    const token = this.cannedToken();
    if (!token) {
      this.hideCanned();
      return;
    }
    const query = token.query.toLowerCase();
    const matches = this.canned
      .filter((r) => r.shortcut.toLowerCase().includes(query) || (query.length > 2 && r.text.toLowerCase().includes(query)))
      .sort((a, b) => Number(!a.shortcut.toLowerCase().startsWith(query)) - Number(!b.shortcut.toLowerCase().startsWith(query))
        || a.shortcut.localeCompare(b.shortcut))
      .slice(0, 8);
    const index = this.cannedState && this.cannedState.query === query ? Math.min(this.cannedState.index, Math.max(0, matches.length - 1)) : 0;
    this.cannedState = { token, query, matches, index };
    this.renderCanned();
  }

  renderCanned() {
    const { matches, index } = this.cannedState;
    this.cannedBox.hidden = false;
    if (!matches.length) {
      replace(this.cannedBox, h('li', { class: 'canned-empty muted', role: 'option', 'aria-disabled': 'true', text: t(this.canned.length ? 'composer.noMatch' : 'composer.noCanned') }));
      this.textarea.removeAttribute('aria-activedescendant');
      return;
    }
    replace(this.cannedBox, matches.map((r, i) => h('li', {
      class: 'canned-option', role: 'option', id: `canned-${i}`, 'aria-selected': String(i === index),
      on: { mousedown: (e) => { e.preventDefault(); this.insertCanned(r); } },
    }, h('span', { class: 'canned-shortcut', text: `/${r.shortcut}` }), h('span', { class: 'canned-text', text: r.text }))));
    this.textarea.setAttribute('aria-activedescendant', `canned-${index}`);
  }

  insertCanned(reply) {
    const { token } = this.cannedState;
    const value = this.textarea.value;
    const end = this.textarea.selectionStart;
    this.textarea.value = value.slice(0, token.start) + reply.text + value.slice(end);
    const caret = token.start + reply.text.length;
    this.textarea.setSelectionRange(caret, caret);
    this.hideCanned();
    this.textarea.focus();
    this.onInput();
  }

  hideCanned() {
    this.cannedState = null;
    this.cannedBox.hidden = true;
    this.textarea.removeAttribute('aria-activedescendant');
  }
}
