// The ticket views: mine, unassigned, breaching soon, pending, complaints (active tickets of type
// complaint, such as those low ratings open) and all, each with its count, the
// filters, and the tickets sorted by their next deadline (the server's order). `ticket` events
// refetch the counts and the list (debounced). Rows can be selected for bulk changes
// (ticket-bulk.js). Keys as in the inbox: Alt+↓/↑ (or j/k) move through the list, Enter opens,
// Alt+1…9 open the first nine, x selects the current row.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { debounce } from '../ticket-feed.js';
import { TicketFilters } from './ticket-filters.js';
import { TicketBulk } from './ticket-bulk.js';
import { pill, slaBadge, ticketHref, refusal } from './ticket-common.js';
import { createTicketDialog } from './ticket-dialogs.js';

const VIEWS = ['mine', 'unassigned', 'breaching', 'pending', 'complaints', 'all'];
const VIEW_KEY = 'switchboard.console.ticketView';
const PAGE_SIZE = 50;

export class TicketList {
  constructor({ api, me, feed, context }) {
    this.api = api;
    this.me = me;
    this.context = context; // queues and agents, shared with the ticket page
    this.view = VIEWS.includes(localStorage.getItem(VIEW_KEY)) ? localStorage.getItem(VIEW_KEY) : 'mine';
    this.tickets = [];
    this.limit = PAGE_SIZE;
    this.cursor = -1;
    this.shown = false;
    this.stale = true;

    this.viewButtons = VIEWS.map((view) => h('button', {
      type: 'button', class: 'view-button', dataset: { view }, id: `ticket-view-${view}`,
      on: { click: () => this.setView(view) },
    }, h('span', { text: t(`tickets.view.${view}`) }), h('span', { class: 'count-badge', dataset: { count: view }, text: '–' })));
    this.filters = new TicketFilters(() => this.reload());
    this.bulk = new TicketBulk({ api, onDone: () => this.load(), ticketsById: (id) => this.tickets.find((x) => x.id === id) });
    this.rows = h('ul', { class: 'ticket-rows', id: 'ticket-rows', 'aria-labelledby': 'tickets-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.more = h('button', { type: 'button', class: 'button', hidden: true, text: t('tickets.more'), on: { click: () => { this.limit += PAGE_SIZE; this.load(); } } });
    this.element = h('div', { class: 'tickets-page', lang: language() },
      h('div', { class: 'page-head' },
        h('h1', { id: 'tickets-title', text: t('tickets.title') }),
        h('div', { class: 'page-actions' },
          h('button', { type: 'button', class: 'button primary', id: 'ticket-new', on: { click: () => this.create(false) } },
            h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t('tickets.new') })),
          h('button', { type: 'button', class: 'button', id: 'ticket-new-call', on: { click: () => this.create(true) } },
            icon('phone'), h('span', { text: t('tickets.newCall') })))),
      h('div', { class: 'view-buttons', role: 'group', 'aria-label': t('tickets.views') }, this.viewButtons),
      this.filters.element, this.bulk.element, this.error,
      h('div', { class: 'card ticket-card' }, this.rows, this.more));

    this.refresh = debounce(() => this.load(), 400);
    this.onTicket = () => (this.shown ? this.refresh() : (this.stale = true));
    feed.addEventListener('ticket', this.onTicket);
    this.feed = feed;
    this.onKey = (e) => this.key(e);
    this.timer = setInterval(() => this.tick(), 15000);
    this.markView();
  }

  show() {
    this.shown = true;
    document.addEventListener('keydown', this.onKey);
    this.context.load().then(() => this.filters.setChoices(this.context.queues, this.context.agents, this.me));
    this.load();
  }

  hide() {
    this.shown = false;
    document.removeEventListener('keydown', this.onKey);
  }

  dispose() {
    this.hide();
    clearInterval(this.timer);
    this.refresh.cancel();
    this.feed.removeEventListener('ticket', this.onTicket);
  }

  setView(view) {
    this.view = view;
    localStorage.setItem(VIEW_KEY, view);
    this.markView();
    this.reload();
  }

  markView() {
    for (const button of this.viewButtons) button.setAttribute('aria-pressed', String(button.dataset.view === this.view));
  }

  reload() {
    this.limit = PAGE_SIZE;
    this.cursor = -1;
    this.load();
  }

  query() {
    return new URLSearchParams({ view: this.view, ...this.filters.params(), limit: String(this.limit) }).toString();
  }

  async load() {
    const seq = (this.loadSeq = (this.loadSeq || 0) + 1);
    let answer;
    try {
      answer = await this.api.tickets(this.query());
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.error.textContent = t('tickets.loadFailed', { reason: refusal(error) });
      this.error.hidden = false;
      return;
    }
    if (seq !== this.loadSeq) return;
    this.error.hidden = true;
    this.stale = false;
    this.tickets = answer?.tickets || [];
    for (const view of VIEWS) {
      const badge = this.element.querySelector(`[data-count="${view}"]`);
      const n = answer?.counts?.[view];
      badge.textContent = typeof n === 'number' ? String(n) : '–';
    }
    this.render();
  }

  /** The ids in list order (the ticket page walks them with Alt+↓/↑). */
  order() {
    return this.tickets.map((ticket) => ticket.id);
  }

  render() {
    const focused = document.activeElement?.closest?.('.ticket-row')?.dataset.id;
    this.bulk.keep(this.tickets.map((ticket) => ticket.id));
    replace(this.rows, this.tickets.length ? this.tickets.map((ticket, index) => this.row(ticket, index))
      : h('li', { class: 'list-empty muted', text: t('tickets.empty') }));
    this.more.hidden = this.tickets.length < this.limit;
    if (focused) this.rows.querySelector(`.ticket-row[data-id="${CSS.escape(focused)}"] .ticket-link`)?.focus();
  }

  row(ticket, index) {
    const requester = ticket.requester?.name || ticket.requester?.email || t('tickets.noRequester');
    const box = h('input', {
      type: 'checkbox', class: 'ticket-check', checked: this.bulk.has(ticket.id),
      'aria-label': t('tickets.select', { number: ticket.number }),
      on: { change: () => this.bulk.toggle(ticket.id, box.checked) },
    });
    return h('li', { class: `ticket-row${index === this.cursor ? ' current' : ''}`, dataset: { id: ticket.id, number: String(ticket.number) } },
      box,
      h('div', { class: 'ticket-row-body' },
        h('a', { class: 'ticket-link', href: ticketHref(ticket.id), title: index < 9 ? `Alt+${index + 1}` : undefined, on: { focus: () => { this.cursor = index; } } },
          h('span', { class: 'ticket-number', text: `#${ticket.number}` }), ' ', h('span', { class: 'ticket-subject', text: ticket.subject })),
        h('div', { class: 'ticket-meta' },
          h('span', { class: 'ticket-requester', text: requester }),
          pill('ticketStatus', ticket.status), pill('priority', ticket.priority),
          h('span', { class: 'ticket-assignee', text: ticket.assignee?.name || t('tickets.unassigned') }))),
      slaBadge(ticket));
  }

  /** The deadlines move on: the badges are redrawn from time to time. */
  tick() {
    if (!this.shown) return;
    for (const row of this.rows.querySelectorAll('.ticket-row')) {
      const ticket = this.tickets.find((x) => x.id === row.dataset.id);
      if (ticket) row.querySelector('.sla-badge')?.replaceWith(slaBadge(ticket));
    }
  }

  async create(phone) {
    const ticket = await createTicketDialog({ api: this.api, context: this.context, phone });
    if (ticket) location.hash = ticketHref(ticket.id);
  }

  // ---- keyboard -----------------------------------------------------------------------------

  key(e) {
    if (document.querySelector('dialog[open]') || e.ctrlKey || e.metaKey) return;
    const typing = isTyping(e.target);
    const down = (e.altKey && e.key === 'ArrowDown') || (!typing && !e.altKey && e.key === 'j');
    const up = (e.altKey && e.key === 'ArrowUp') || (!typing && !e.altKey && e.key === 'k');
    if (down || up) {
      if (!this.tickets.length) return;
      e.preventDefault();
      const n = this.tickets.length;
      this.cursor = this.cursor < 0 ? (down ? 0 : n - 1) : (this.cursor + (down ? 1 : -1) + n) % n;
      this.focusRow();
    } else if (e.altKey && /^Digit[1-9]$/.test(e.code)) {
      const ticket = this.tickets[Number(e.code.slice(5)) - 1];
      if (ticket) {
        e.preventDefault();
        location.hash = ticketHref(ticket.id);
      }
    } else if (!typing && !e.altKey && e.key === 'x' && this.cursor >= 0) {
      const box = this.rows.children[this.cursor]?.querySelector('.ticket-check');
      if (box) {
        e.preventDefault();
        box.click();
      }
    }
  }

  focusRow() {
    [...this.rows.children].forEach((row, i) => row.classList.toggle('current', i === this.cursor));
    this.rows.children[this.cursor]?.querySelector('.ticket-link')?.focus();
  }
}

export function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
    && !(target.tagName === 'INPUT' && target.type === 'checkbox'));
}
