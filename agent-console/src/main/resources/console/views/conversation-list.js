// The inbox's left column: the agent's conversations (with previews, unread counts and the
// Alt+1…9 hints) and, for supervisors, the visitors waiting in the queues.

import { h, replace, icon } from '../dom.js';
import { shortTime, duration, initials, hue } from '../format.js';
import { isMissing } from '../api.js';
import { t } from '../i18n.js';

const WAITING_POLL_MS = 3000;

/** A coloured circle with the person's initials. */
export function avatar(name, seed, size = '') {
  const el = h('span', { class: `avatar ${size}`, 'aria-hidden': 'true', text: initials(name) });
  el.style.background = avatarColour(seed || name);
  return el;
}

/**
 * An avatar's background: the name's hue, dark enough that white initials keep a 4.5:1 contrast
 * whatever the hue.
 */
export function avatarColour(seed) {
  return `hsl(${hue(seed)} 60% 30%)`;
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
    this.count = h('span', { class: 'count-badge' });
    this.list = h('ul', { class: 'conv-items', 'aria-label': t('list.mine') });
    this.empty = h('div', { class: 'list-empty' },
      h('p', { class: 'list-empty-title', text: t('list.emptyTitle') }),
      h('p', { class: 'muted', text: t('list.emptyHint') }));
    this.waitingList = h('ul', { class: 'waiting-items', 'aria-label': t('list.waitingLabel') });
    this.waitingCount = h('span', { class: 'count-badge warn' });
    this.waitingSection = h('section', { class: 'waiting', hidden: true, 'aria-labelledby': 'waiting-title' },
      h('div', { class: 'list-head' }, h('h2', { id: 'waiting-title', text: t('list.waiting') }), this.waitingCount),
      this.waitingList);
    this.element = h('aside', { class: 'conv-list', 'aria-label': t('list.label') },
      h('div', { class: 'list-head' },
        h('h2', { text: t('list.title') }), this.count,
        h('span', { class: 'hint', title: t('list.keys') }, icon('keyboard'), h('span', { class: 'sr-only', text: t('list.keys') }))),
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
    const preview = pending ? `${t('list.you')}${pending.text}`
      : last ? `${last.sender?.role === 'visitor' ? '' : t('list.you')}${last.text}` : t('list.noMessages');
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
        h('span', { class: 'conv-preview', text: c.visitorTyping ? t('list.typing') : preview }),
        c.status === 'closed' ? h('span', { class: 'pill closed', text: t('list.closed') })
          : c.isNew ? h('span', { class: 'pill new', text: t('list.new') })
            : c.unread > 0 ? [h('span', { class: 'unread', 'aria-hidden': 'true', text: String(c.unread) }), h('span', { class: 'sr-only', text: t('list.unread', { n: c.unread }) })] : null)));
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
        avatar(row.contactName || t('visitor'), row.conversationId, 'small'),
        h('span', { class: 'waiting-body' },
          h('span', { class: 'conv-name', text: row.contactName || t('visitor') }),
          h('span', { class: 'muted small', text: `${row.queueName} · #${row.position}` })),
        h('span', { class: `wait-time${row.waitingSeconds > 120 ? ' late' : ''}`, text: duration(row.waitingSeconds) })))
        : h('li', { class: 'muted small padded', text: t('list.nobodyWaiting') }));
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
