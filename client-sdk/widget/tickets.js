// The visitor's tickets (protocol/PROTOCOL.md 3.7, feature level 7): their list and one ticket's
// public thread over REST, the visitor's replies, and staying current. The widget's socket gets a
// `ticket` event for public replies and status changes of the visitor's tickets (and in a chat
// when an agent makes a ticket of it): the list and an open thread are read again, and while
// "My requests" is not on screen its header entry shows a dot. Without a socket (it is
// reconnecting) the list is read every 30 s while the panel is open.

import { HttpError, fetchJson } from './http.js';
import { t } from './i18n.js';

const POLL_MS = 30000;

/** The ticket data and its live updates; the views are tickets-view.js. */
export function createTickets(ctx) {
  const { state, model, baseUrl, storage } = ctx;
  // list: null until read; unseen: a change the visitor has not looked at; openId: the ticket
  // shown in the 'ticket' view; seenBefore: what counted as seen when the list was opened.
  // acknowledge: the next read counts as seen (the visitor just made the ticket themselves).
  state.tickets = { list: null, error: false, unseen: false, openId: null, returnView: null, seenBefore: 0,
    acknowledge: false };

  /** A visitor REST call with the visitor token, renewed once when the server refuses it. */
  async function call(path, options = {}) {
    const url = new URL(path, baseUrl);
    try {
      return await fetchJson(url, { ...options, token: await model.token() });
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 401) throw e;
      return fetchJson(url, { ...options, token: await model.refreshToken() });
    }
  }

  const hasTickets = () => Boolean(state.tickets.list && state.tickets.list.length);
  const viewing = () => state.open && (state.view === 'tickets' || state.view === 'ticket');
  const time = (value) => Date.parse(value) || 0;
  const latestUpdate = (list) => list.reduce((max, ticket) => Math.max(max, time(ticket.updatedAt)), 0);

  /** Whether a ticket changed after the list was last looked at (for its "new" mark). */
  function isFresh(ticket) {
    return state.tickets.seenBefore > 0 && time(ticket.updatedAt) > state.tickets.seenBefore;
  }

  /** Everything up to now counts as seen while "My requests" is on screen; else compares. */
  function noteSeen() {
    const list = state.tickets.list;
    if (!list) return;
    const latest = latestUpdate(list);
    const stored = storage.load().ticketsSeenAt;
    if (viewing() || stored === undefined || state.tickets.acknowledge) {
      state.tickets.acknowledge = false;
      if (stored === undefined || latest > stored) storage.update({ ticketsSeenAt: latest });
      state.tickets.unseen = false;
    } else {
      state.tickets.unseen = latest > stored;
    }
  }

  async function fetchList() {
    const tickets = state.tickets;
    try {
      const list = await call('/v1/visitor/tickets');
      tickets.list = Array.isArray(list) ? list : [];
      tickets.error = false;
    } catch (e) {
      // A server before feature level 7 has no visitor tickets; otherwise keep what was shown.
      if (e instanceof HttpError && e.status === 404) tickets.list = tickets.list || [];
      tickets.error = !(e instanceof HttpError && e.status === 404);
    }
    noteSeen();
    ctx.renderHeader();
    ctx.ticketsChanged();
  }

  let inFlight = null;
  let again = false;

  /**
   * GET /v1/visitor/tickets (once at a time; a call during one reads again after it);
   * `acknowledge`: what it reads counts as seen.
   */
  function loadTickets(acknowledge = false) {
    if (acknowledge) state.tickets.acknowledge = true;
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          again = false;
          await fetchList();
        } while (again);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  /** GET /v1/visitor/tickets/{id}: the ticket with its public entries. Throws HttpError. */
  function loadTicket(id) {
    return call('/v1/visitor/tickets/' + encodeURIComponent(id));
  }

  /** POST /v1/visitor/tickets/{id}/replies; answers the entry. Throws HttpError (409: closed). */
  async function replyTicket(id, text, files = []) {
    const body = files.length ? { text, attachments: files.map((file) => file.id) } : { text };
    const entry = await call('/v1/visitor/tickets/' + encodeURIComponent(id) + '/replies',
      { method: 'POST', body });
    loadTickets();
    return entry;
  }

  /** Shows "My requests" (the list, or one ticket's thread), remembering where the visitor was. */
  function openTickets(ticketId) {
    if (state.view !== 'tickets' && state.view !== 'ticket') state.tickets.returnView = state.view;
    state.tickets.seenBefore = Number(storage.load().ticketsSeenAt) || 0;
    state.tickets.openId = ticketId || null;
    ctx.show(ticketId ? 'ticket' : 'tickets');
    ctx.focusFirst();
    noteSeen();
    ctx.renderHeader();
    loadTickets();
  }

  /** Back from the list to the view the visitor came from. */
  function closeTickets() {
    let back = state.tickets.returnView;
    state.tickets.openId = null;
    if (!back || ['loading', 'tickets', 'ticket'].includes(back)) back = model.conversation ? 'chat' : 'form';
    // A chat that started meanwhile (another tab) is shown rather than the form.
    if (back === 'form' && model.conversation && !state.forceOffline) back = 'chat';
    ctx.show(back);
    ctx.focusFirst();
  }

  /** A `ticket` event: read the list and the open thread again; announce a chat's new ticket. */
  function onTicketEvent(event) {
    if (event.change === 'created' && model.conversation) ctx.addTicketLine(event);
    if (state.view === 'ticket' && state.tickets.openId === event.ticketId) ctx.refreshThread();
    loadTickets();
  }

  /** The visitor changed (identity, sign-out): their tickets are someone else's now. */
  function forgetTickets() {
    state.tickets.list = null;
    state.tickets.unseen = false;
    state.tickets.openId = null;
    storage.update({ ticketsSeenAt: undefined });
    ctx.renderHeader();
  }

  // Without a socket no `ticket` event arrives: read the list (and an open thread) every 30 s
  // while the panel is open and the visitor has tickets.
  setInterval(() => {
    if (!state.open || document.visibilityState !== 'visible' || model.connection.isOpen || !hasTickets()) return;
    loadTickets();
    if (state.view === 'ticket') ctx.refreshThread();
  }, POLL_MS);

  /** A ticket status in words. */
  function statusText(status) {
    const key = 'tickets.status.' + status;
    const text = t(key);
    return text === key ? String(status || '') : text;
  }

  return { loadTickets, loadTicket, replyTicket, openTickets, closeTickets, onTicketEvent, forgetTickets,
    hasTickets, isFresh, statusText };
}
