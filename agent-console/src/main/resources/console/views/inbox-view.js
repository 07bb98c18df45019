// The inbox page: the conversation list (and the waiting queue for supervisors), the open
// conversation with its composer, and the visitor sidebar.

import { h, replace, icon, linkify } from '../dom.js';
import { shortTime, fullTime, duration, initials, hue } from '../format.js';
import { closeDialog, transferDialog, toast } from './dialogs.js';
import { Sidebar } from './sidebar.js';
import { isMissing } from '../api.js';

const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;
const WAITING_POLL_MS = 3000;
const CANNED_REFRESH_MS = 60000;

function avatar(name, seed, size = '') {
  const el = h('span', { class: `avatar ${size}`, 'aria-hidden': 'true', text: initials(name) });
  el.style.background = `hsl(${hue(seed || name)} 55% 45%)`;
  return el;
}

export class InboxView {
  constructor(inbox, { me, isSupervisor, api }) {
    this.inbox = inbox;
    this.me = me;
    this.api = api;
    this.isSupervisor = isSupervisor;
    this.drafts = new Map();
    this.modes = new Map();
    this.rendered = { id: null, items: new Map() };
    this.canned = [];
    this.cannedState = null;
    this.typingSentAt = 0;
    this.typingIdle = null;
    this.typingActiveFor = null;
    this.waiting = null;
    this.timers = [];

    // ---- list column ----
    this.listCount = h('span', { class: 'count-badge', 'aria-label': 'open conversations' });
    this.list = h('ul', { class: 'conv-items', 'aria-label': 'My conversations' });
    this.listEmpty = h('div', { class: 'list-empty' },
      h('p', { class: 'list-empty-title', text: 'No open conversations' }),
      h('p', { class: 'muted', text: 'Set your status to Online to receive chats.' }));
    this.waitingList = h('ul', { class: 'waiting-items', 'aria-label': 'Waiting visitors' });
    this.waitingCount = h('span', { class: 'count-badge warn' });
    this.waitingSection = h('section', { class: 'waiting', hidden: true, 'aria-labelledby': 'waiting-title' },
      h('div', { class: 'list-head' }, h('h2', { id: 'waiting-title', text: 'Waiting' }), this.waitingCount),
      this.waitingList);
    const listColumn = h('aside', { class: 'conv-list', 'aria-label': 'Conversations' },
      h('div', { class: 'list-head' },
        h('h2', { text: 'My chats' }), this.listCount,
        h('span', { class: 'hint', title: 'Alt+↑/↓: previous/next conversation · Alt+1…9: jump · ?: all shortcuts', 'aria-label': 'Keyboard shortcuts: Alt plus arrow keys to switch, Alt plus 1 to 9 to jump' }, icon('keyboard'))),
      this.list, this.listEmpty, this.waitingSection);

    // ---- conversation column ----
    this.convHead = h('header', { class: 'conv-head' });
    this.timeline = h('div', { class: 'timeline', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Messages', tabIndex: 0 });
    this.typingLine = h('div', { class: 'typing-line', 'aria-live': 'polite' });
    this.textarea = h('textarea', {
      class: 'composer-input', rows: '3', 'aria-label': 'Message', id: 'composer-input',
      placeholder: 'Type a reply… ( / for canned replies )',
    });
    this.cannedBox = h('ul', { class: 'canned-popup', role: 'listbox', id: 'canned-popup', 'aria-label': 'Canned replies', hidden: true });
    this.textarea.setAttribute('aria-controls', 'canned-popup');
    this.textarea.setAttribute('aria-autocomplete', 'list');
    this.replyTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab', text: 'Reply', on: { click: () => this.setMode('reply') } });
    this.noteTab = h('button', { type: 'button', role: 'tab', class: 'composer-tab note-tab', title: 'Alt+N', on: { click: () => this.setMode('note') } }, icon('note'), h('span', { text: 'Private note' }));
    this.sendButton = h('button', { type: 'submit', class: 'button primary send-button' }, icon('send'), h('span', { text: 'Send' }));
    this.composerHint = h('span', { class: 'composer-hint', text: 'Enter to send · Shift+Enter for a new line · / for canned replies' });
    this.composer = h('form', { class: 'composer', on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      h('div', { class: 'composer-tabs', role: 'tablist', 'aria-label': 'Composer mode' }, this.replyTab, this.noteTab),
      this.cannedBox, this.textarea,
      h('div', { class: 'composer-foot' }, this.composerHint, this.sendButton));
    this.closedBar = h('div', { class: 'closed-bar', hidden: true });
    this.convPanel = h('section', { class: 'conversation', hidden: true },
      this.convHead, this.timeline, this.typingLine, this.closedBar, this.composer);
    this.emptyPanel = h('section', { class: 'conversation-empty' },
      h('div', { class: 'empty-illustration', 'aria-hidden': 'true' }, icon('inbox')),
      h('h2', { text: 'Pick a conversation' }),
      h('p', { class: 'muted', text: 'New chats appear on the left. Alt+↑ / Alt+↓ switch between them.' }));

    this.sidebar = new Sidebar(api);
    this.element = h('div', { class: 'inbox-page' }, listColumn, this.emptyPanel, this.convPanel, this.sidebar.element);

    this.textarea.addEventListener('keydown', (e) => this.onComposerKey(e));
    this.textarea.addEventListener('input', () => this.onComposerInput());
    this.textarea.addEventListener('blur', () => setTimeout(() => {
      if (document.activeElement !== this.textarea) this.hideCanned();
    }, 150));
    this.onKey = (e) => this.onGlobalKey(e);
    this.onChange = (e) => this.onInboxChange(e.detail);
    inbox.addEventListener('change', this.onChange);
    this.renderList();
    this.queueNames = new Map();
    this.loadCanned();
    this.loadQueues();
    this.timers.push(setInterval(() => { this.loadCanned(); this.loadQueues(); }, CANNED_REFRESH_MS));
    this.timers.push(setInterval(() => this.refreshRelativeTimes(), 30000));
    if (isSupervisor) {
      this.pollWaiting();
      this.timers.push(setInterval(() => this.pollWaiting(), WAITING_POLL_MS));
    }
  }

  show() {
    document.addEventListener('keydown', this.onKey);
    this.renderList();
    if (this.inbox.activeId) this.open(this.inbox.activeId, false);
  }

  hide() {
    document.removeEventListener('keydown', this.onKey);
  }

  dispose() {
    this.hide();
    this.inbox.removeEventListener('change', this.onChange);
    this.timers.forEach(clearInterval);
    this.sidebar.dispose();
  }

  get active() {
    return this.inbox.activeId ? this.inbox.get(this.inbox.activeId) : null;
  }

  onInboxChange({ id, what }) {
    if (this.opening) return;
    if (what === 'list' || !id) this.renderList();
    const active = this.active;
    if (!active) {
      if (this.rendered.id) this.showEmpty();
      return;
    }
    if (this.rendered.id !== active.id) {
      this.open(active.id, false);
      return;
    }
    if (id && id !== active.id) {
      this.renderList();
      return;
    }
    if (what === 'timeline' || what === 'read' || what === 'reset' || what === 'list' || !id) {
      this.renderTimeline(active, what === 'reset');
      this.renderHead(active);
      this.inbox.markRead(active);
    }
    if (what === 'typing' || what === 'timeline') this.renderTyping(active);
    if (what === 'context') this.sidebar.update(active);
    if (what === 'timeline') this.renderList();
  }

  // ---- list ---------------------------------------------------------------------------------

  sorted() {
    return this.inbox.list;
  }

  renderList() {
    const conversations = this.sorted();
    this.listCount.textContent = String(conversations.filter((c) => c.status !== 'closed').length);
    this.listEmpty.hidden = conversations.length > 0;
    const items = conversations.map((c, index) => {
      const last = c.messages[c.messages.length - 1];
      const pending = c.outbox[c.outbox.length - 1];
      const preview = pending ? `You: ${pending.text}`
        : last ? `${last.sender?.role === 'visitor' ? '' : 'You: '}${last.text}` : 'No messages yet';
      const when = pending ? pending.createdAt : c.lastActivity;
      const button = h('button', {
        type: 'button', class: 'conv-item', dataset: { id: c.id },
        title: index < 9 ? `Alt+${index + 1}` : undefined,
        'aria-current': c.id === this.inbox.activeId ? 'true' : undefined,
        on: { click: () => this.open(c.id) },
      },
      avatar(c.visitorName, c.visitor?.id || c.id),
      h('span', { class: 'conv-item-body' },
        h('span', { class: 'conv-item-top' },
          h('span', { class: 'conv-name', text: c.visitorName }),
          h('time', { class: 'conv-time', datetime: when || undefined, text: when ? shortTime(when) : '' })),
        h('span', { class: 'conv-item-bottom' },
          h('span', { class: 'conv-preview', text: c.visitorTyping ? 'typing…' : preview }),
          c.status === 'closed' ? h('span', { class: 'pill closed', text: 'Closed' })
            : c.isNew ? h('span', { class: 'pill new', text: 'New' })
              : c.unread > 0 ? h('span', { class: 'unread', 'aria-label': `${c.unread} unread`, text: String(c.unread) }) : null)));
      if (c.isNew) button.classList.add('is-new');
      if (c.unread > 0) button.classList.add('has-unread');
      if (c.status === 'closed') button.classList.add('is-closed');
      return h('li', {}, button);
    });
    replace(this.list, items);
  }

  async pollWaiting() {
    if (this.waiting === 'forbidden') return;
    try {
      const queues = await this.api.queues();
      const lists = await Promise.all(queues.map((q) => this.api.waiting(q.id)
        .then((rows) => rows.map((row) => ({ ...row, queueName: q.name })))));
      const rows = lists.flat().sort((a, b) => b.waitingSeconds - a.waitingSeconds);
      this.waitingSection.hidden = false;
      this.waitingCount.textContent = String(rows.length);
      replace(this.waitingList, rows.length ? rows.map((row) => h('li', { class: 'waiting-item' },
        avatar(row.contactName || 'Visitor', row.conversationId, 'small'),
        h('span', { class: 'waiting-body' },
          h('span', { class: 'conv-name', text: row.contactName || 'Visitor' }),
          h('span', { class: 'muted small', text: `${row.queueName} · #${row.position}` })),
        h('span', { class: `wait-time${row.waitingSeconds > 120 ? ' late' : ''}`, text: duration(row.waitingSeconds) })))
        : h('li', { class: 'muted small padded', text: 'Nobody is waiting.' }));
    } catch (error) {
      if (error.status === 403) {
        this.waiting = 'forbidden';
        this.waitingSection.hidden = true;
      } else if (isMissing(error)) {
        this.waitingSection.hidden = true;
      }
    }
  }

  // ---- keyboard -----------------------------------------------------------------------------

  onGlobalKey(e) {
    if (document.querySelector('dialog[open]')) return;
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      const list = this.sorted();
      if (!list.length) return;
      e.preventDefault();
      const index = list.findIndex((c) => c.id === this.inbox.activeId);
      const next = e.key === 'ArrowDown' ? (index + 1) % list.length : (index - 1 + list.length) % list.length;
      this.open(list[index < 0 ? 0 : next].id);
    } else if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
      const conversation = this.sorted()[Number(e.code.slice(5)) - 1];
      if (conversation) {
        e.preventDefault();
        this.open(conversation.id);
      }
    } else if (e.altKey && !e.ctrlKey && (e.code === 'KeyN') && this.active) {
      e.preventDefault();
      this.setMode(this.mode === 'note' ? 'reply' : 'note');
    }
  }

  // ---- conversation -------------------------------------------------------------------------

  showEmpty() {
    this.rendered = { id: null, items: new Map() };
    this.convPanel.hidden = true;
    this.emptyPanel.hidden = false;
    this.sidebar.show(null);
  }

  open(id, focus = true) {
    const conversation = this.inbox.get(id);
    if (!conversation) return;
    if (this.rendered.id && this.rendered.id !== id) {
      this.drafts.set(this.rendered.id, this.textarea.value);
      this.stopTyping();
    }
    const switching = this.rendered.id !== id;
    this.opening = true;
    try {
      this.inbox.activate(id);
    } finally {
      this.opening = false;
    }
    if (!this.inbox.get(id)) return;
    this.emptyPanel.hidden = true;
    this.convPanel.hidden = false;
    this.convPanel.setAttribute('aria-label', `Conversation with ${conversation.visitorName}`);
    if (switching) {
      this.rendered = { id, items: new Map() };
      this.timeline.replaceChildren();
      this.textarea.value = this.drafts.get(id) || '';
      this.setMode(this.modes.get(id) || 'reply', false);
      this.hideCanned();
      this.loadNotes(conversation);
      this.sidebar.show(conversation);
    }
    this.renderHead(conversation);
    this.renderTimeline(conversation, false, switching);
    this.renderTyping(conversation);
    this.renderList();
    if (focus) this.textarea.focus();
  }

  async loadNotes(conversation) {
    if (conversation.notesLoaded) return;
    try {
      const notes = await this.api.notes(conversation.id);
      this.inbox.setNotes(conversation.id, notes || []);
    } catch {
      conversation.notesLoaded = true;
    }
  }

  renderHead(c) {
    const closed = c.status === 'closed';
    const queue = c.details?.queue || c.queue;
    const sub = [this.queueNames.get(queue) || queue, closed ? 'Closed' : c.accepted ? 'Active' : 'Assigned to you'].filter(Boolean).join(' · ');
    replace(this.convHead,
      avatar(c.visitorName, c.visitor?.id || c.id),
      h('div', { class: 'conv-title' }, h('h2', { text: c.visitorName }), h('span', { class: 'muted small', text: sub })),
      h('div', { class: 'conv-actions' },
        h('button', {
          type: 'button', class: 'button', disabled: closed, on: { click: () => this.transfer(c) },
        }, icon('transfer'), h('span', { text: 'Transfer' })),
        closed
          ? h('button', { type: 'button', class: 'button', on: { click: () => this.dismiss(c) } }, icon('x'), h('span', { text: 'Remove from list' }))
          : h('button', { type: 'button', class: 'button success', on: { click: () => this.close(c) } }, icon('close'), h('span', { text: 'Close' }))));
    this.composer.hidden = closed;
    this.closedBar.hidden = !closed;
    if (closed) {
      replace(this.closedBar, h('span', {
        text: `This conversation is closed${c.closed?.disposition ? ` (${c.closed.disposition.replace('_', ' ')})` : ''}.`,
      }));
    }
  }

  timelineItems(c) {
    const extras = [
      ...c.notes.map((n) => ({ kind: 'note', key: `n:${n.noteId}`, at: n.at, data: n })),
      ...c.events.map((ev) => ({ kind: 'event', key: `e:${ev.key}`, at: ev.at, data: ev })),
    ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
    const items = [];
    let x = 0;
    for (const m of c.messages) {
      while (x < extras.length && extras[x].at && extras[x].at < m.at) items.push(extras[x++]);
      items.push({ kind: 'message', key: `m:${m.seq}`, at: m.at, data: m });
    }
    while (x < extras.length) items.push(extras[x++]);
    for (const entry of c.outbox) items.push({ kind: 'pending', key: `p:${entry.clientMsgId}`, data: entry });
    return items;
  }

  renderTimeline(c, reset = false, jump = false) {
    if (reset) {
      this.rendered.items.clear();
      this.timeline.replaceChildren();
    }
    const nearBottom = this.timeline.scrollHeight - this.timeline.scrollTop - this.timeline.clientHeight < 80;
    const items = this.timelineItems(c);
    const keep = new Set(items.map((i) => i.key));
    for (const [key, el] of this.rendered.items) {
      if (!keep.has(key)) {
        el.remove();
        this.rendered.items.delete(key);
      }
    }
    // "Seen" goes under the newest staff message the visitor has read.
    const lastStaff = [...c.messages].reverse().find((m) => m.sender?.role !== 'visitor');
    let previous = null;
    for (const item of items) {
      let el = this.rendered.items.get(item.key);
      if (!el || item.kind === 'pending' || item.kind === 'note') {
        const fresh = this.renderItem(c, item);
        if (el) el.replaceWith(fresh);
        el = fresh;
        this.rendered.items.set(item.key, el);
      }
      if (item.kind === 'message' && item.data.sender?.role !== 'visitor') {
        this.setReceipt(el, item.data === lastStaff ? (c.visitorReadSeq >= item.data.seq ? 'Seen' : 'Delivered') : null);
      }
      const expectedNext = previous ? previous.nextSibling : this.timeline.firstChild;
      if (expectedNext !== el) {
        if (previous) previous.after(el);
        else this.timeline.prepend(el);
      }
      previous = el;
    }
    if (!items.length && !this.timeline.firstChild) {
      this.timeline.append(h('p', { class: 'timeline-empty muted', text: 'No messages yet.' }));
    } else {
      this.timeline.querySelector('.timeline-empty')?.remove();
    }
    if (jump || nearBottom) this.timeline.scrollTop = this.timeline.scrollHeight;
  }

  renderItem(c, item) {
    if (item.kind === 'event') {
      return h('div', { class: 'system-line', dataset: { key: item.key } },
        h('span', { text: item.data.text }),
        item.data.note ? h('span', { class: 'system-note', text: `“${item.data.note}”` }) : null,
        item.data.at ? h('time', { datetime: item.data.at, text: shortTime(item.data.at) }) : null);
    }
    if (item.kind === 'note') {
      const n = item.data;
      const mine = n.author?.id === this.me.userId;
      return h('div', { class: `note${n.local && !n.saved ? ' pending' : ''}${n.failed ? ' failed' : ''}`, dataset: { key: item.key }, role: 'note', 'aria-label': 'Private note' },
        h('div', { class: 'note-head' }, icon('note'),
          h('span', { class: 'note-label', text: 'Private note' }),
          h('span', { class: 'note-author', text: mine ? 'You' : (n.author?.name || 'Agent') }),
          h('time', { datetime: n.at, title: fullTime(n.at), text: shortTime(n.at) }),
          n.failed ? h('span', { class: 'failed-label', text: `not saved (${n.failed})` }) : null),
        h('div', { class: 'note-text' }, linkify(n.text)));
    }
    if (item.kind === 'pending') {
      const entry = item.data;
      const failed = entry.state === 'failed';
      return h('div', { class: `msg staff ${failed ? 'failed' : 'pending'}`, dataset: { key: item.key, clientMsgId: entry.clientMsgId } },
        h('div', { class: 'bubble' }, linkify(entry.text)),
        h('div', { class: 'msg-meta' },
          failed
            ? [h('span', { class: 'failed-label', text: `Not sent${entry.error ? ` (${entry.error.replace('_', ' ')})` : ''}` }),
              c.status !== 'closed' ? h('button', { type: 'button', class: 'link-button', text: 'Retry', on: { click: () => this.inbox.retry(c.id, entry.clientMsgId) } }) : null,
              h('button', { type: 'button', class: 'link-button', text: 'Discard', on: { click: () => this.inbox.discard(c.id, entry.clientMsgId) } })]
            : h('span', { class: 'pending-label', text: 'Sending…' })));
    }
    const m = item.data;
    const fromVisitor = m.sender?.role === 'visitor';
    const mine = m.sender?.id === this.me.userId;
    const who = fromVisitor ? c.visitorName : mine ? 'You' : (m.sender?.name || 'Agent');
    return h('div', { class: `msg ${fromVisitor ? 'visitor' : 'staff'}`, dataset: { key: item.key, seq: m.seq } },
      h('div', { class: 'bubble' }, linkify(m.text)),
      h('div', { class: 'msg-meta' },
        h('span', { class: 'msg-author', text: who }),
        h('time', { datetime: m.at, title: fullTime(m.at), text: shortTime(m.at) }),
        h('span', { class: 'receipt' })));
  }

  setReceipt(el, text) {
    const receipt = el.querySelector('.receipt');
    if (receipt && receipt.textContent !== (text || '')) {
      receipt.textContent = text || '';
      receipt.dataset.state = text ? text.toLowerCase() : '';
    }
  }

  renderTyping(c) {
    this.typingLine.textContent = c.visitorTyping ? `${c.visitorName} is typing…` : '';
    this.typingLine.classList.toggle('active', c.visitorTyping);
  }

  refreshRelativeTimes() {
    this.renderList();
  }

  // ---- composer -----------------------------------------------------------------------------

  get mode() {
    return this.modes.get(this.inbox.activeId) || 'reply';
  }

  setMode(mode, focus = true) {
    if (this.inbox.activeId) this.modes.set(this.inbox.activeId, mode);
    const note = mode === 'note';
    if (note) this.stopTyping();
    this.composer.classList.toggle('note-mode', note);
    this.replyTab.setAttribute('aria-selected', String(!note));
    this.noteTab.setAttribute('aria-selected', String(note));
    this.textarea.placeholder = note ? 'Write a private note — only your team sees it' : 'Type a reply… ( / for canned replies )';
    this.textarea.setAttribute('aria-label', note ? 'Private note' : 'Message');
    this.sendButton.lastChild.textContent = note ? 'Add note' : 'Send';
    if (focus) this.textarea.focus();
  }

  submit() {
    const c = this.active;
    const text = this.textarea.value.trim();
    if (!c || !text || c.status === 'closed') return;
    if (text.length > 8000) {
      toast('A message has at most 8000 characters.', 'error');
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
    this.timeline.scrollTop = this.timeline.scrollHeight;
  }

  onComposerKey(e) {
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

  onComposerInput() {
    const c = this.active;
    if (!c) return;
    this.updateCanned();
    if (this.mode === 'note' || c.status === 'closed') return;
    const text = this.textarea.value;
    if (!text.trim()) {
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

  async loadQueues() {
    try {
      for (const queue of (await this.api.queues()) || []) this.queueNames.set(queue.id, queue.name);
      if (this.active) this.renderHead(this.active);
    } catch {
      // Queue names are a nicety; ids are shown instead.
    }
  }

  async loadCanned() {
    try {
      this.canned = (await this.api.cannedReplies()) || [];
    } catch {
      // Not available (yet): the popup says so.
    }
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
    this.textarea.setAttribute('aria-expanded', 'true');
    if (!matches.length) {
      replace(this.cannedBox, h('li', { class: 'canned-empty muted', role: 'option', 'aria-disabled': 'true', text: this.canned.length ? 'No canned reply matches.' : 'No canned replies yet.' }));
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
    this.onComposerInput();
  }

  hideCanned() {
    this.cannedState = null;
    this.cannedBox.hidden = true;
    this.textarea.setAttribute('aria-expanded', 'false');
    this.textarea.removeAttribute('aria-activedescendant');
  }

  // ---- actions ------------------------------------------------------------------------------

  async close(c) {
    const choice = await closeDialog(c.visitorName);
    if (!choice) return;
    try {
      await this.inbox.close(c.id, choice.disposition, choice.tags);
      this.stopTyping();
      toast(`Closed the conversation with ${c.visitorName}.`);
    } catch (error) {
      toast(`Could not close: ${error.code}`, 'error');
    }
  }

  async transfer(c) {
    const choice = await transferDialog({ api: this.api, me: this.me, conversation: c });
    if (!choice) return;
    try {
      await this.inbox.transfer(c.id, choice.target, choice.note);
      // The server answers with `unassigned`, which removes the chat and says so.
    } catch (error) {
      const reasons = { conflict: 'the agent is offline or has no free capacity', not_found: 'the target does not exist', unknown_type: 'the server does not support transfers yet' };
      toast(`Could not transfer: ${reasons[error.code] || error.code}`, 'error');
    }
  }

  dismiss(c) {
    const list = this.sorted();
    const index = list.indexOf(c);
    this.inbox.remove(c.id, 'dismissed');
    const next = this.sorted()[Math.min(index, this.sorted().length - 1)];
    if (next) this.open(next.id);
    else this.showEmpty();
  }
}
