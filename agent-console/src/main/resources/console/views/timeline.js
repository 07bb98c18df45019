// The open conversation's timeline: messages in seq order with private notes and system lines
// (transfers, close) between them by time, the agent's pending and failed messages after them,
// the "Delivered"/"Seen" receipt under the newest staff message, and the visitor's typing line.
// Rendered items are kept and moved, not rebuilt, so the log does not flicker or lose its scroll.

import { h, icon, linkify } from '../dom.js';
import { attachmentList } from './attachment-list.js';
import { shortTime, fullTime } from '../format.js';
import { t } from '../i18n.js';

export class Timeline {
  /**
   * @param {import('../inbox.js').Inbox} inbox
   * @param {{userId: string}} me
   */
  constructor(inbox, me) {
    this.inbox = inbox;
    this.me = me;
    this.items = new Map(); // key -> element
    this.element = h('div', { class: 'timeline', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t('timeline.label'), tabIndex: 0 });
    this.typingLine = h('div', { class: 'typing-line', 'aria-live': 'polite' });
  }

  /** Forgets what was rendered (another conversation is opened). */
  clear() {
    this.items.clear();
    this.element.replaceChildren();
  }

  scrollToEnd() {
    this.element.scrollTop = this.element.scrollHeight;
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

  render(c, reset = false, jump = false) {
    const log = this.element;
    if (reset) this.clear();
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    const items = this.timelineItems(c);
    const keep = new Set(items.map((i) => i.key));
    for (const [key, el] of this.items) {
      if (!keep.has(key)) {
        el.remove();
        this.items.delete(key);
      }
    }
    // "Seen" goes under the newest staff message the visitor has read.
    const lastStaff = [...c.messages].reverse().find((m) => m.sender?.role !== 'visitor');
    let previous = null;
    for (const item of items) {
      let el = this.items.get(item.key);
      if (!el || item.kind === 'pending' || item.kind === 'note') {
        const fresh = this.renderItem(c, item);
        if (el) el.replaceWith(fresh);
        el = fresh;
        this.items.set(item.key, el);
      }
      if (item.kind === 'message') {
        if (item.data.sender?.role === 'visitor') {
          // The visitor's name may be learned after the message was rendered (after a reload).
          setText(el.querySelector('.msg-author'), c.visitorName);
        } else {
          setReceipt(el, item.data === lastStaff ? (c.peerReadSeq >= item.data.seq ? 'seen' : 'delivered') : null);
        }
      }
      const expectedNext = previous ? previous.nextSibling : log.firstChild;
      if (expectedNext !== el) {
        if (previous) previous.after(el);
        else log.prepend(el);
      }
      previous = el;
    }
    if (!items.length && !log.firstChild) {
      log.append(h('p', { class: 'timeline-empty muted', text: t('timeline.empty') }));
    } else {
      log.querySelector('.timeline-empty')?.remove();
    }
    if (jump || nearBottom) this.scrollToEnd();
  }

  renderItem(c, item) {
    if (item.kind === 'event') {
      return h('div', { class: 'system-line', dataset: { key: item.key } },
        h('span', { text: item.data.text }),
        item.data.note ? h('span', { class: 'system-note', text: `“${item.data.note}”` }) : null,
        item.data.at ? h('time', { datetime: item.data.at, text: shortTime(item.data.at) }) : null);
    }
    if (item.kind === 'note') return this.renderNote(item);
    if (item.kind === 'pending') return this.renderPending(c, item);
    const m = item.data;
    const fromVisitor = m.sender?.role === 'visitor';
    const mine = m.sender?.id === this.me.userId;
    const who = fromVisitor ? c.visitorName : mine ? t('timeline.you') : (m.sender?.name || t('timeline.agent'));
    return h('div', { class: `msg ${fromVisitor ? 'visitor' : 'staff'}`, dataset: { key: item.key, seq: m.seq } },
      m.text || !m.attachments?.length ? h('div', { class: 'bubble' }, linkify(m.text)) : null,
      attachmentList(m.attachments),
      h('div', { class: 'msg-meta' },
        h('span', { class: 'msg-author', text: who }),
        h('time', { datetime: m.at, title: fullTime(m.at), text: shortTime(m.at) }),
        h('span', { class: 'receipt' })));
  }

  renderNote(item) {
    const n = item.data;
    const mine = n.author?.id === this.me.userId;
    // A supervisor's whisper (feature level 6) is a note to the agent, marked as such.
    const label = t(n.kind === 'whisper' ? 'timeline.whisper' : 'timeline.note');
    return h('div', { class: `note${n.kind === 'whisper' ? ' whisper' : ''}${n.local && !n.saved ? ' pending' : ''}${n.failed ? ' failed' : ''}`, dataset: { key: item.key }, role: 'note', 'aria-label': label },
      h('div', { class: 'note-head' }, icon('note'),
        h('span', { class: 'note-label', text: label }),
        h('span', { class: 'note-author', text: mine ? t('timeline.you') : (n.author?.name || t('timeline.agent')) }),
        h('time', { datetime: n.at, title: fullTime(n.at), text: shortTime(n.at) }),
        n.failed ? h('span', { class: 'failed-label', text: t('timeline.noteNotSaved', { reason: n.failed }) }) : null),
      h('div', { class: 'note-text' }, linkify(n.text)));
  }

  renderPending(c, item) {
    const entry = item.data;
    const failed = entry.state === 'failed';
    return h('div', { class: `msg staff ${failed ? 'failed' : 'pending'}`, dataset: { key: item.key, clientMsgId: entry.clientMsgId } },
      entry.text || !entry.attachments?.length ? h('div', { class: 'bubble' }, linkify(entry.text)) : null,
      attachmentList(entry.attachments),
      h('div', { class: 'msg-meta' },
        failed
          ? [h('span', { class: 'failed-label', text: entry.error ? t('timeline.notSentWhy', { reason: entry.error.replace('_', ' ') }) : t('timeline.notSent') }),
            c.status !== 'closed' ? h('button', { type: 'button', class: 'link-button', text: t('timeline.retry'), on: { click: () => this.inbox.retry(c.id, entry.clientMsgId) } }) : null,
            h('button', { type: 'button', class: 'link-button', text: t('timeline.discard'), on: { click: () => this.inbox.discard(c.id, entry.clientMsgId) } })]
          : h('span', { class: 'pending-label', text: t('timeline.sending') })));
  }

  renderTyping(c) {
    this.typingLine.textContent = c.visitorTyping ? t('timeline.typing', { name: c.visitorName }) : '';
    this.typingLine.classList.toggle('active', c.visitorTyping);
  }
}

function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** The receipt under a staff message: 'delivered', 'seen' or none (null). */
function setReceipt(el, state) {
  const receipt = el.querySelector('.receipt');
  const text = state ? t(`timeline.${state}`) : '';
  if (receipt && receipt.textContent !== text) {
    receipt.textContent = text;
    receipt.dataset.state = state || '';
  }
}
