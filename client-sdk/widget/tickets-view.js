// "My requests": the list of the visitor's tickets (number, subject, status in words, last
// update) and one ticket's public thread (the visitor's own words on one side, agents' replies
// with their names on the other) with the reply box. A closed ticket takes no reply; a solved
// one says that replying opens it again. Entries show their files (attachment-list.js); a reply
// may carry files (attach-tray.js: button, drop on the reply box, paste), sent once uploaded.
// Live changes (tickets.js) update both in place.

import { t, language } from './i18n.js';
import { h, icon, ICONS, submitOnEnter, linkify, clear } from './dom.js';
import { AttachTray } from './attach-tray.js';

/** Returns the views' render functions and the hooks tickets.js calls on changes. */
export function createTicketsView(ctx) {
  const { state } = ctx;
  let list = null; // the list view's body while it is shown
  let thread = null; // the thread view's nodes and data while it is shown
  const tray = new AttachTray('sb-tk', { baseUrl: ctx.baseUrl, token: () => ctx.model.token() });
  let trayTicket = null; // the ticket the tray's files are for

  function formatTime(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const today = date.toDateString() === new Date().toDateString();
    return new Intl.DateTimeFormat(language(), today ? { hour: 'numeric', minute: '2-digit' }
      : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  function timeNode(value, key) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return null;
    const text = formatTime(value);
    return h('time', { datetime: date.toISOString(), text: key ? t(key, { time: text }) : text });
  }

  function statusBadge(status) {
    return h('span', { class: 'sb-tk-status sb-tk-status--' + String(status || '').replace(/[^a-z_]/g, ''),
      text: ctx.statusText(status) });
  }

  /** The frame both views share: a back button, a scrolling body with a heading, a footer. */
  function frame(backLabel, onBack, headingText) {
    const heading = h('h2', { class: 'sb-heading sb-tk-heading', id: 'sb-tk-title', tabindex: '-1', 'data-focus': 'true',
      text: headingText });
    const back = h('button', { type: 'button', class: 'sb-link sb-tk-back', on: { click: onBack } },
      icon(ICONS.back, { size: 16 }), backLabel);
    const body = h('div', { class: 'sb-tk-body' });
    const scroll = h('div', { class: 'sb-scroll sb-tk-scroll' }, heading, body);
    const footer = h('div', { class: 'sb-footer sb-tk-footer', hidden: true });
    ctx.main.append(h('section', { class: 'sb-tickets', 'aria-labelledby': 'sb-tk-title' },
      h('div', { class: 'sb-tk-bar' }, back), scroll, footer));
    return { heading, body, scroll, footer };
  }

  // ---- the list ------------------------------------------------------------------------------

  function renderTickets() {
    thread = null;
    list = frame(t('tickets.back'), () => ctx.closeTickets(), t('tickets.menu'));
    fillList();
  }

  function fillList() {
    const { list: tickets, error } = state.tickets;
    const focusedId = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.ticket : null;
    clear(list.body);
    if (!tickets) {
      list.body.append(error ? loadError(() => ctx.loadTickets()) : loadingLine());
      return;
    }
    if (!tickets.length) {
      list.body.append(h('p', { class: 'sb-muted sb-tk-empty', text: t('tickets.empty') }));
      return;
    }
    const items = tickets.map((ticket) => h('li', {}, h('button', {
      type: 'button', class: 'sb-tk-item', dataset: { ticket: ticket.id },
      on: { click: () => ctx.openTickets(ticket.id) },
    },
    h('span', { class: 'sb-tk-item-top' },
      h('span', { class: 'sb-tk-number', text: t('tickets.number', { number: ticket.number }) }),
      statusBadge(ticket.status),
      ctx.isFresh(ticket) ? h('span', { class: 'sb-tk-fresh', text: t('tickets.fresh') }) : null),
    h('span', { class: 'sb-tk-subject', dir: 'auto', text: ticket.subject || '' }),
    h('span', { class: 'sb-tk-updated' }, timeNode(ticket.updatedAt || ticket.createdAt, 'tickets.updated')))));
    list.body.append(h('ul', { class: 'sb-tk-list', 'aria-labelledby': 'sb-tk-title' }, items));
    if (focusedId) list.body.querySelector(`[data-ticket="${CSS.escape(focusedId)}"]`)?.focus();
  }

  function loadingLine() {
    return h('p', { class: 'sb-muted sb-tk-loading', role: 'status' },
      h('span', { class: 'sb-spinner', 'aria-hidden': 'true' }), ' ', t('tickets.loading'));
  }

  function loadError(retry, key = 'tickets.loadError') {
    return h('div', { class: 'sb-tk-error', role: 'alert' }, h('p', { text: t(key) }),
      retry ? h('button', { type: 'button', class: 'sb-secondary', text: t('chat.retry'), on: { click: retry } }) : null);
  }

  /** The list changed (tickets.js read it again): redraw it when it is shown. */
  function ticketsChanged() {
    if (state.view === 'tickets' && list && list.body.isConnected) fillList();
  }

  // ---- one ticket ----------------------------------------------------------------------------

  function renderTicket() {
    list = null;
    const id = state.tickets.openId;
    const parts = frame(t('tickets.all'), () => ctx.openTickets(), t('tickets.loading'));
    thread = { ...parts, id, detail: null, shown: new Set(), draft: '',
      meta: h('p', { class: 'sb-tk-meta' }),
      log: h('ol', { class: 'sb-log sb-tk-thread' }),
      empty: h('p', { class: 'sb-muted sb-tk-empty', hidden: true, text: t('tickets.noEntries') }),
      live: h('div', { class: 'sb-visually-hidden', role: 'status', 'aria-live': 'polite' }) };
    thread.body.append(thread.meta, thread.log, thread.empty, thread.live);
    thread.log.hidden = true;
    thread.body.append(loadingLine());
    refreshThread();
  }

  /** Reads the shown ticket again and updates its thread, status and reply box in place. */
  async function refreshThread() {
    const current = thread;
    if (!current) return;
    let detail;
    try {
      detail = await ctx.loadTicket(current.id);
    } catch (e) {
      if (thread !== current || current.detail) return;
      current.body.querySelector('.sb-tk-loading')?.remove();
      current.heading.textContent = t('tickets.menu');
      current.body.append(loadError(e.status === 404 ? null : refreshThread, e.status === 404 ? 'tickets.notFound' : undefined));
      return;
    }
    if (thread !== current || state.view !== 'ticket') return;
    applyDetail(current, detail);
  }

  function applyDetail(view, detail) {
    const before = view.detail;
    view.detail = detail;
    view.body.querySelector('.sb-tk-loading')?.remove();
    view.body.querySelector('.sb-tk-error')?.remove();
    clear(view.heading);
    view.heading.append(h('span', { class: 'sb-tk-number', text: t('tickets.number', { number: detail.number }) }), ' ',
      h('span', { dir: 'auto', text: detail.subject || '' }));
    clear(view.meta);
    view.meta.append(statusBadge(detail.status), ' ', timeNode(detail.createdAt, 'tickets.opened'));
    view.log.setAttribute('aria-label', t('tickets.thread', { number: detail.number }));
    view.log.hidden = false;
    const stick = !before || nearBottom(view.scroll);
    for (const entry of detail.entries || []) {
      if (!addEntry(view, entry) || !before) continue;
      if (entry.kind === 'reply') {
        view.live.textContent = t('tickets.newReply', { name: (entry.author && entry.author.name) || t('chat.agentFallback') });
      }
    }
    view.empty.hidden = view.shown.size > 0;
    if (before && before.status !== detail.status) {
      view.live.textContent = t('tickets.nowStatus', { number: detail.number, status: ctx.statusText(detail.status) });
    }
    if (!before || before.status !== detail.status) renderFooter(view);
    if (stick) view.scroll.scrollTop = view.scroll.scrollHeight;
  }

  function nearBottom(scroll) {
    return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 80;
  }

  /** Adds an entry not shown yet; false when it was. */
  function addEntry(view, entry) {
    const key = String(entry.id);
    if (view.shown.has(key)) return false;
    view.shown.add(key);
    const own = entry.kind === 'customer';
    const li = h('li', { class: 'sb-msg ' + (own ? 'sb-msg--own' : 'sb-msg--agent'), dataset: { entry: key } },
      own ? h('span', { class: 'sb-visually-hidden', text: t('chat.you') + ':' })
        : h('span', { class: 'sb-msg-author', text: (entry.author && entry.author.name) || t('chat.agentFallback') }),
      h('div', { class: 'sb-bubble', dir: 'auto' }, linkify(entry.body || '')),
      ctx.attachmentList(entry.attachments),
      h('div', { class: 'sb-msg-meta' }, timeNode(entry.at)));
    view.log.append(li);
    view.empty.hidden = true;
    return true;
  }

  /** The note on solved and closed tickets, and the reply box unless the ticket is closed. */
  function renderFooter(view) {
    const status = view.detail.status;
    const input = view.footer.querySelector('textarea');
    if (input) view.draft = input.value;
    const hadFocus = input && document.activeElement === input;
    clear(view.footer);
    view.footer.hidden = false;
    if (status === 'solved' || status === 'closed') {
      view.footer.append(h('p', { class: 'sb-tk-note', id: 'sb-tk-note',
        text: t(status === 'closed' ? 'tickets.closedNote' : 'tickets.solvedNote') }));
    }
    if (status === 'closed') return;
    view.footer.append(replyForm(view, status === 'solved'));
    if (hadFocus) view.footer.querySelector('textarea').focus();
  }

  function replyForm(view, solved) {
    const input = h('textarea', { id: 'sb-tk-input', name: 'reply', rows: '2', maxlength: '8000', dir: 'auto',
      value: view.draft, 'aria-describedby': (solved ? 'sb-tk-note ' : '') + 'sb-tk-hint sb-tk-error' });
    const error = h('p', { id: 'sb-tk-error', class: 'sb-field-error', role: 'alert' });
    const send = h('button', { type: 'submit', class: 'sb-primary', text: t('tickets.reply.send') });
    if (trayTicket !== view.id) tray.clear();
    trayTicket = view.id;
    const files = tray.controls();
    const form = h('form', { class: 'sb-tk-reply', novalidate: true },
      h('div', { class: 'sb-field' }, h('label', { for: 'sb-tk-input', text: t('tickets.reply.label') }), input,
        h('p', { id: 'sb-tk-hint', class: 'sb-tk-hint', text: t('tickets.reply.hint') })),
      files.list, files.status, error, h('div', { class: 'sb-actions' }, files.input, files.button, send));
    tray.bindDrop(form);
    tray.bindPaste(input);
    input.addEventListener('input', () => {
      view.draft = input.value;
      if (input.getAttribute('aria-invalid') === 'true') {
        input.removeAttribute('aria-invalid');
        error.textContent = '';
      }
    });
    submitOnEnter(input, form, () => sendReply(view, input, send, error));
    return form;
  }

  async function sendReply(view, input, send, error) {
    const text = input.value.trim();
    error.textContent = '';
    if (!text || text.length > 8000) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = t('tickets.reply.empty');
      input.focus();
      return;
    }
    send.disabled = true;
    send.textContent = t('tickets.reply.sending');
    try {
      if (tray.uploading) error.textContent = t('attach.waiting');
      const files = await tray.ready();
      if (!files) {
        error.textContent = t('attach.notUploaded');
        return;
      }
      error.textContent = '';
      const entry = await ctx.replyTicket(view.id, text, files);
      tray.clear();
      if (entry && entry.id !== undefined) addEntry(view, { ...entry, kind: 'customer' });
      if (input.value.trim() === text) input.value = '';
      view.draft = input.value;
      view.live.textContent = t('tickets.reply.sent');
      view.scroll.scrollTop = view.scroll.scrollHeight;
      refreshThread();
    } catch (e) {
      error.textContent = t(e && e.status === 409 ? 'tickets.reply.closed'
        : e && [413, 415].includes(e.status) ? 'attach.refused' : 'error.generic');
      if (e && e.status === 409) refreshThread();
    } finally {
      if (send.isConnected) {
        send.disabled = false;
        send.textContent = t('tickets.reply.send');
      }
      if (input.isConnected) input.focus();
    }
  }

  // ---- in a chat -----------------------------------------------------------------------------

  const chatLines = []; // the tickets made from chats in this page: {conversationId, event}

  function ticketLine(event) {
    return h('li', { class: 'sb-system', dataset: { at: event.at || '' } },
      t('tickets.createdInChat', { number: event.number }), ' ',
      h('button', { type: 'button', class: 'sb-link sb-tk-link', text: t('tickets.view'),
        on: { click: () => ctx.openTickets(event.ticketId) } }));
  }

  /** A chat became a ticket: a system line with a link to it in "My requests". */
  function addTicketLine(event) {
    chatLines.push({ conversationId: ctx.model.conversation.id, event });
    if (state.view !== 'chat') return;
    ctx.addSystemLine([...ticketLine(event).childNodes]);
    ctx.scrollToBottom(ctx.isNearBottom());
  }

  /** The chat view was drawn again: its ticket lines go back among the messages, by time. */
  function restoreTicketLines() {
    const conv = ctx.model.conversation;
    const log = ctx.chat.log;
    if (!conv || !log) return;
    for (const { conversationId, event } of chatLines) {
      if (conversationId !== conv.id) continue;
      const at = Date.parse(event.at) || 0;
      const after = [...log.querySelectorAll('.sb-msg[data-seq] time')]
        .find((time) => Date.parse(time.getAttribute('datetime')) > at);
      log.insertBefore(ticketLine(event), after ? after.closest('li')
        : log.querySelector('.sb-msg--pending, .sb-msg--failed, .sb-msg--unplaced'));
    }
  }

  return { renderTickets, renderTicket, ticketsChanged, refreshThread, addTicketLine, restoreTicketLines };
}
