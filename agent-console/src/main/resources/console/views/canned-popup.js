// Canned replies for a textarea: typing "/" and part of a shortcut opens a list of matches
// (↓/↑ choose, Enter or Tab insert, Esc closes). The chat composer and the ticket composer use it.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

export class CannedPopup {
  /**
   * @param {HTMLTextAreaElement} textarea the input it completes
   * @param {string} id the popup's element id
   * @param {() => void} onInsert called after a reply was inserted
   */
  constructor(textarea, id, onInsert = () => {}) {
    this.textarea = textarea;
    this.onInsert = onInsert;
    this.canned = [];
    this.state = null;
    this.element = h('ul', { class: 'canned-popup', role: 'listbox', id, 'aria-label': t('composer.canned'), hidden: true });
    this.prefix = `${id}-option`;
    textarea.setAttribute('aria-controls', id);
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.addEventListener('blur', () => setTimeout(() => {
      if (document.activeElement !== textarea) this.hide();
    }, 150));
  }

  set(replies) {
    this.canned = replies || [];
  }

  get open() {
    return Boolean(this.state) && !this.element.hidden;
  }

  /** Handles a key of the textarea; true when the popup used it. */
  key(e) {
    if (!this.open) return false;
    const { matches } = this.state;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.state.index = (this.state.index + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      this.render();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && matches.length) {
      this.insert(matches[this.state.index]);
    } else if (e.key === 'Escape') {
      this.hide();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  token() {
    const before = this.textarea.value.slice(0, this.textarea.selectionStart);
    const match = /(^|\s)\/([A-Za-z0-9_-]*)$/.exec(before);
    return match ? { query: match[2], start: before.length - match[2].length - 1 } : null;
  }

  /** Call on every input: opens, narrows or closes the list. */
  update() {
    const token = this.token();
    if (!token) {
      this.hide();
      return;
    }
    const query = token.query.toLowerCase();
    const matches = this.canned
      .filter((r) => r.shortcut.toLowerCase().includes(query) || (query.length > 2 && r.text.toLowerCase().includes(query)))
      .sort((a, b) => Number(!a.shortcut.toLowerCase().startsWith(query)) - Number(!b.shortcut.toLowerCase().startsWith(query))
        || a.shortcut.localeCompare(b.shortcut))
      .slice(0, 8);
    const index = this.state && this.state.query === query ? Math.min(this.state.index, Math.max(0, matches.length - 1)) : 0;
    this.state = { token, query, matches, index };
    this.render();
  }

  render() {
    const { matches, index } = this.state;
    this.element.hidden = false;
    if (!matches.length) {
      replace(this.element, h('li', { class: 'canned-empty muted', role: 'option', 'aria-disabled': 'true', text: t(this.canned.length ? 'composer.noMatch' : 'composer.noCanned') }));
      this.textarea.removeAttribute('aria-activedescendant');
      return;
    }
    replace(this.element, matches.map((r, i) => h('li', {
      class: 'canned-option', role: 'option', id: `${this.prefix}-${i}`, 'aria-selected': String(i === index),
      on: { mousedown: (e) => { e.preventDefault(); this.insert(r); } },
    }, h('span', { class: 'canned-shortcut', text: `/${r.shortcut}` }), h('span', { class: 'canned-text', text: r.text }))));
    this.textarea.setAttribute('aria-activedescendant', `${this.prefix}-${index}`);
  }

  insert(reply) {
    const { token } = this.state;
    const value = this.textarea.value;
    const end = this.textarea.selectionStart;
    this.textarea.value = value.slice(0, token.start) + reply.text + value.slice(end);
    const caret = token.start + reply.text.length;
    this.textarea.setSelectionRange(caret, caret);
    this.hide();
    this.textarea.focus();
    this.onInsert();
  }

  hide() {
    this.state = null;
    this.element.hidden = true;
    this.textarea.removeAttribute('aria-activedescendant');
  }
}
