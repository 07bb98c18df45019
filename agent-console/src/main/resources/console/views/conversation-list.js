// The inbox's left column: the agent's conversations (with previews, unread counts and the
// Alt+1…9 hints) and, for supervisors, the visitors waiting in the queues.

import { h, replace, icon } from '../dom.js';
import { shortTime, duration, initials, hue } from '../format.js';
import { isMissing } from '../api.js';

const WAITING_POLL_MS = 3000;

/** A coloured circle with the person's initials. */
export function avatar(name, seed, size = '') {
  const el = h('span', { class: `avatar ${size}`, 'aria-hidden': 'true', text: initials(name) });
  el.style.background = `hsl(${hue(seed || name)} 55% 45%)`;
  return el;
}

export class ConversationList {
  /**
   * @param {import('../inbox.js').Inbox} inbox
   * @param {{api: object, isSupervisor: boolean, onOpen: (id: string) => void}} options
   */
  constructor(inbox, { api, isSupervisor, onOpen }) {
    this.inbox = inbox;
    this.api = api;
    this.onOpen = onOpen;
    this.waiting = null;
    this.timer = null;
    this.count = h('span', { class: 'count-badge', 'aria-label': 'open conversations' });
    this.list = h('ul', { class: 'conv-items', 'aria-label': 'My conversations' });
    this.empty = h('div', { class: 'list-empty' },
      h('p', { class: 'list-empty-title', text: 'No open conversations' }),
      h('p', { class: 'muted', text: 'Set your status to Online to receive chats.' }));
    this.waitingList = h('ul', { class: 'waiting-items', 'aria-label': 'Waiting visitors' });
    this.waitingCount = h('span', { class: 'count-badge warn' });
    this.waitingSection = h('section', { class: 'waiting', hidden: true, 'aria-labelledby': 'waiting-title' },
      h('div', { class: 'list-head' }, h('h2', { id: 'waiting-title', text: 'Waiting' }), this.waitingCount),
      this.waitingList);
    this.element = h('aside', { class: 'conv-list', 'aria-label': 'Conversations' },
      h('div', { class: 'list-head' },
        h('h2', { text: 'My chats' }), this.count,
        h('span', { class: 'hint', title: 'Alt+↑/↓: previous/next conversation · Alt+1…9: jump · ?: all shortcuts', 'aria-label': 'Keyboard shortcuts: Alt plus arrow keys to switch, Alt plus 1 to 9 to jump' }, icon('keyboard'))),
      this.list, this.empty, this.waitingSection);
    if (isSupervisor) {
      this.pollWaiting();
      this.timer = setInterval(() => this.pollWaiting(), WAITING_POLL_MS);
    }
  }

  dispose() {
    clearInterval(this.timer);
  }

  /** The conversations in list order. */
  sorted() {
    return this.inbox.list;
  }

  render() {
    const conversations = this.sorted();
    this.count.textContent = String(conversations.filter((c) => c.status !== 'closed').length);
    this.empty.hidden = conversations.length > 0;
    replace(this.list, conversations.map((c, index) => h('li', {}, this.item(c, index))));
  }

  item(c, index) {
    const last = c.messages[c.messages.length - 1];
    const pending = c.outbox[c.outbox.length - 1];
    const preview = pending ? `You: ${pending.text}`
      : last ? `${last.sender?.role === 'visitor' ? '' : 'You: '}${last.text}` : 'No messages yet';
    const when = pending ? pending.createdAt : c.lastActivity;
    const button = h('button', {
      type: 'button', class: 'conv-item', dataset: { id: c.id },
      title: index < 9 ? `Alt+${index + 1}` : undefined,
      'aria-current': c.id === this.inbox.activeId ? 'true' : undefined,
      on: { click: () => this.onOpen(c.id) },
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
    return button;
  }

  async pollWaiting() {
    if (this.waiting === 'forbidden') return;
    try {
      const queues = await this.api.queues();
      // A supervisor sees the waiting lists of their teams' queues; the others answer 403.
      const lists = await Promise.all(queues.map((q) => this.api.waiting(q.id)
        .then((rows) => rows.map((row) => ({ ...row, queueName: q.name })),
          (error) => { if (error.status === 403) return null; throw error; })));
      if (lists.length && lists.every((list) => list === null)) throw Object.assign(new Error('forbidden'), { status: 403 });
      const rows = lists.filter(Boolean).flat().sort((a, b) => b.waitingSeconds - a.waitingSeconds);
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
}
