// The chat view: the message log in seq order (with each message's files) and the visitor's
// pending and failed messages after it, the queue position, the typing line, the composer
// (chat-composer.js; files may be dropped anywhere on the chat) and the end-chat confirmation.

import { t } from './i18n.js';
import { h, icon, ICONS, linkify, clear } from './dom.js';

const userLocale = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
const timeFormat = new Intl.DateTimeFormat(userLocale, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(userLocale, { dateStyle: 'medium' });

/** Returns the chat view's nodes (ctx.chat) and the functions that keep it up to date. */
export function createChatView(ctx) {
  const { state, model, storage } = ctx;

  const chat = {
    scroll: null,
    log: null,
    waiting: null,
    typing: null,
    footer: null,
    nodes: new Map(),
    lastDay: null,
  };

  function renderChat() {
    const conv = model.conversation;
    chat.nodes = new Map();
    chat.lastDay = null;
    // The live region wraps the list, so that the messages stay list items for assistive technology.
    chat.log = h('ol', { class: 'sb-log' });
    const region = h('div', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t('chat.log') },
      chat.log);
    chat.waiting = h('div', { class: 'sb-waiting', role: 'status', 'aria-live': 'polite', hidden: true });
    chat.typing = h('div', { class: 'sb-typing', 'aria-live': 'polite' });
    chat.scroll = h('div', { class: 'sb-scroll sb-chat-scroll' },
      h('div', { class: 'sb-bubble-row sb-msg sb-msg--agent sb-greeting-msg' },
        h('div', { class: 'sb-bubble', dir: 'auto', text: ctx.greeting() })),
      region, chat.waiting, chat.typing);
    chat.footer = h('div', { class: 'sb-footer' });
    const zone = h('div', { class: 'sb-chat' }, chat.scroll, chat.footer);
    ctx.bindDropZone(zone);
    ctx.main.append(zone);
    if (conv) {
      for (const message of conv.messages) placeCommitted(message);
      for (const entry of model.pendingEntries()) renderOutboxEntry(entry);
      ctx.restoreTicketLines();
    }
    renderFooter();
    renderWaiting();
    updateSeen();
    scrollToBottom(true);
    state.waitTimer = setInterval(renderWaiting, 5000);
  }

  function isNearBottom() {
    const s = chat.scroll;
    return !s || s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  function scrollToBottom(force) {
    if (!chat.scroll) return;
    if (force || state.stickToBottom) chat.scroll.scrollTop = chat.scroll.scrollHeight;
  }

  function firstPendingNode() {
    return chat.log.querySelector('.sb-msg--pending, .sb-msg--failed, .sb-msg--unplaced');
  }

  function dayOf(at) {
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : date.toDateString();
  }

  function timeElement(at) {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return h('time', {});
    return h('time', { datetime: date.toISOString(), title: fullFormat.format(date), text: timeFormat.format(date) });
  }

  function messageNode(message, own) {
    const li = h('li', { class: 'sb-msg ' + (own ? 'sb-msg--own' : 'sb-msg--agent') });
    if (!own) {
      li.append(h('span', { class: 'sb-msg-author', text: senderName(message.sender) }));
    } else {
      li.append(h('span', { class: 'sb-visually-hidden', text: t('chat.you') + ':' }));
    }
    const files = ctx.attachmentList(message.attachments);
    if (message.text || !files) li.append(h('div', { class: 'sb-bubble', dir: 'auto' }, linkify(message.text || '')));
    if (files) li.append(files);
    li.append(h('div', { class: 'sb-msg-meta' }, timeElement(message.at || message.createdAt), h('span', { class: 'sb-msg-state' })));
    return li;
  }

  function senderName(sender) {
    if (sender && sender.name) return sender.name;
    const agent = model.conversation && model.conversation.agent;
    if (sender && agent && agent.id === sender.id && agent.name) return agent.name;
    return t('chat.agentFallback');
  }

  function placeCommitted(message) {
    const own = message.sender && message.sender.role === 'visitor';
    let li = own && chat.nodes.get(message.clientMsgId);
    if (li) {
      li.querySelector('time').replaceWith(timeElement(message.at));
    } else {
      li = messageNode(message, own);
      if (own) chat.nodes.set(message.clientMsgId, li);
    }
    li.dataset.seq = String(message.seq);
    li.classList.remove('sb-msg--pending', 'sb-msg--failed', 'sb-msg--unplaced');
    if (own) setOwnState(li, 'sent');
    const anchor = firstPendingNode();
    const day = dayOf(message.at);
    if (day && day !== chat.lastDay) {
      const label = day === new Date().toDateString() ? t('day.today') : dayFormat.format(new Date(message.at));
      const separator = h('li', { class: 'sb-day', 'aria-hidden': chat.lastDay ? undefined : 'true' },
        h('span', { text: label }));
      chat.log.insertBefore(separator, anchor);
      chat.lastDay = day;
    }
    if (anchor !== li) chat.log.insertBefore(li, anchor);
    const previous = li.previousElementSibling;
    li.classList.toggle('sb-msg--cont', Boolean(previous && previous.classList.contains('sb-msg')
      && previous.classList.contains(own ? 'sb-msg--own' : 'sb-msg--agent')
      && (own || previous.querySelector('.sb-msg-author')?.textContent === li.querySelector('.sb-msg-author')?.textContent)));
  }

  function setOwnState(li, status) {
    const slot = li.querySelector('.sb-msg-state');
    clear(slot);
    li.classList.toggle('sb-msg--pending', status === 'pending');
    li.classList.toggle('sb-msg--failed', status === 'failed');
    li.classList.toggle('sb-msg--sent', status === 'sent' || status === 'seen');
    li.dataset.state = status;
    if (status === 'pending') {
      slot.append(icon(ICONS.clock, { size: 12, label: t('chat.sending') }));
    } else if (status === 'sent') {
      slot.append(icon(ICONS.check, { size: 12, label: t('chat.sent') }));
    } else if (status === 'seen') {
      slot.append(h('span', { class: 'sb-seen', text: t('chat.seen') }));
    } else if (status === 'failed') {
      const clientMsgId = li.dataset.cid;
      slot.append(icon(ICONS.alert, { size: 12 }), h('span', { text: t('chat.failed') }));
      if (model.conversation && model.conversation.status !== 'closed') {
        slot.append(h('button', { type: 'button', class: 'sb-link sb-retry', text: t('chat.retry'),
          on: { click: () => model.retry(clientMsgId) } }));
      }
    }
  }

  function renderOutboxEntry(entry) {
    if (!chat.log) return;
    let li = chat.nodes.get(entry.clientMsgId);
    if (entry.state === 'sent') {
      // Acknowledged; the message event puts it in seq order (it may already have).
      if (li && !li.dataset.seq) {
        setOwnState(li, 'sent');
        li.classList.add('sb-msg--unplaced');
      }
      updateSeen();
      return;
    }
    if (!li) {
      li = messageNode({ text: entry.text, attachments: entry.attachments, createdAt: entry.createdAt,
        sender: { role: 'visitor' } }, true);
      li.dataset.cid = entry.clientMsgId;
      chat.nodes.set(entry.clientMsgId, li);
      chat.log.append(li);
    }
    li.dataset.cid = entry.clientMsgId;
    setOwnState(li, entry.state === 'failed' ? 'failed' : 'pending');
  }

  function updateSeen() {
    if (!chat.log || !model.conversation) return;
    const readSeq = model.conversation.peerReadSeq;
    const own = [...chat.log.querySelectorAll('.sb-msg--own[data-seq]')];
    own.forEach((li, index) => {
      const isLast = index === own.length - 1;
      const wanted = isLast && Number(li.dataset.seq) <= readSeq ? 'seen' : 'sent';
      if (li.dataset.state !== wanted) setOwnState(li, wanted);
    });
  }

  /** A system line: text, or text and nodes (such as a link button). */
  function addSystemLine(content, quiet) {
    if (!chat.log) return;
    const li = h('li', { class: 'sb-system' }, content);
    if (quiet) li.setAttribute('aria-hidden', 'true');
    chat.log.insertBefore(li, firstPendingNode());
  }

  function renderWaiting() {
    const conv = model.conversation;
    if (!chat.waiting) return;
    const waiting = conv && conv.status === 'queued';
    chat.waiting.hidden = !waiting;
    if (!waiting) return;
    clear(chat.waiting);
    const info = state.queueInfo;
    const lines = [h('p', { class: 'sb-waiting-title' }, h('span', { class: 'sb-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), t('waiting.title'))];
    if (info && info.position > 0) {
      lines.push(h('p', { class: 'sb-position', text: t('waiting.position', { position: info.position, ahead: info.position - 1 }) }));
    } else {
      lines.push(h('p', { class: 'sb-position', text: t('waiting.positionUnknown') }));
    }
    const eta = info ? info.estimatedWaitSeconds : -1;
    lines.push(h('p', { class: 'sb-eta', text: eta >= 0 ? t('waiting.eta', { eta: formatEta(eta) }) : t('waiting.etaUnknown') }));
    const startedAt = storage.load().startedAt || Date.now();
    const queueLimit = Number(ctx.selectedQueue()?.maxWaitSeconds);
    const limit = queueLimit > 0 ? queueLimit
      : Number(state.config.offlineAfterSeconds) > 0 ? Number(state.config.offlineAfterSeconds) : 120;
    const tooLong = Date.now() - startedAt > limit * 1000;
    const noAgents = info && info.estimatedWaitSeconds === -1;
    if (tooLong || noAgents) {
      lines.push(h('p', { class: 'sb-muted', text: t(noAgents ? 'waiting.noAgents' : 'waiting.long') }));
      lines.push(h('button', { type: 'button', class: 'sb-secondary sb-leave', text: t('waiting.leaveMessage'),
        on: { click: () => { state.forceOffline = true; ctx.show('form'); ctx.focusFirst(); } } }));
    }
    chat.waiting.append(...lines);
  }

  function formatEta(seconds) {
    if (seconds < 60) return t('eta.lessThanMinute');
    return t('eta.minutes', { n: Math.ceil(seconds / 60) });
  }

  function renderFooter() {
    if (!chat.footer) return;
    clear(chat.footer);
    const conv = model.conversation;
    if (!conv || conv.status !== 'closed') {
      if (state.ending) {
        const yes = h('button', { type: 'button', class: 'sb-primary sb-danger', text: t('chat.endYes'),
          on: { click: () => { state.ending = false; model.end().catch(() => {}).finally(renderFooter); } } });
        const no = h('button', { type: 'button', class: 'sb-secondary', text: t('chat.endNo'),
          on: { click: () => { state.ending = false; renderFooter(); ctx.focusFirst(); } } });
        chat.footer.append(h('div', { class: 'sb-confirm', role: 'alertdialog', 'aria-label': t('chat.endConfirm') },
          h('p', { text: t('chat.endConfirm') }), h('div', { class: 'sb-actions' }, yes, no)));
        requestAnimationFrame(() => no.focus());
        return;
      }
      chat.footer.append(ctx.composer());
      return;
    }
    const stored = storage.load();
    if (state.rated || stored.rated) {
      const newChat = h('button', { type: 'button', class: 'sb-primary', text: t('newChat'),
        on: { click: startNewChat } });
      chat.footer.append(h('div', { class: 'sb-after', role: 'status' },
        state.rated === 'thanks' ? h('p', { class: 'sb-thanks-line' }, icon(ICONS.check, { size: 16 }), t('rating.thanks')) : null,
        newChat));
      return;
    }
    chat.footer.append(ctx.ratingForm());
  }

  function startNewChat() {
    state.rated = false;
    state.queueInfo = null;
    model.newChat();
    ctx.show('form');
    ctx.focusFirst();
  }

  function confirmEnd() {
    state.ending = true;
    if (state.view === 'chat') renderFooter();
  }

  function showTyping(active) {
    if (!chat.typing) return;
    clearTimeout(state.typingTimer);
    clear(chat.typing);
    if (active) {
      const conv = model.conversation;
      const name = (conv && conv.agent && conv.agent.name) || t('chat.agentFallback');
      chat.typing.append(h('span', { class: 'sb-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
        h('span', { text: t('chat.typing', { name }) }));
      // The other side may vanish without saying it stopped.
      state.typingTimer = setTimeout(() => showTyping(false), 10000);
      const stick = isNearBottom();
      if (stick) scrollToBottom(true);
    }
    chat.typing.classList.toggle('sb-active', active);
  }

  return { chat, renderChat, isNearBottom, scrollToBottom, placeCommitted, updateSeen, renderOutboxEntry,
    addSystemLine, renderWaiting, renderFooter, showTyping, confirmEnd };
}
