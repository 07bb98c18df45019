// One ticket (#/tickets/{id}): its header, the SLA clocks (ticket-sla.js), the thread
// (ticket-thread.js), the composer (ticket-composer.js), logging a call, and the sidebar
// (ticket-side.js). `ticket` events about it reload it. Alt+↓/↑ open the next or previous ticket
// of the list the agent came from; Alt+N switches between reply and internal note.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { debounce } from '../ticket-feed.js';
import { toast } from './dialogs.js';
import { SlaClocks } from './ticket-sla.js';
import { renderThread, markHit } from './ticket-thread.js';
import { awaitingDelivery } from './ticket-mail.js';
import { TicketComposer } from './ticket-composer.js';
import { TicketSide } from './ticket-side.js';
import { logCallDialog } from './ticket-dialogs.js';
import { pill, say, refusal, ticketHref } from './ticket-common.js';

export class TicketView {
  constructor({ api, me, isSupervisor, feed, context, order }) {
    Object.assign(this, { api, me, context, order, feed });
    this.id = null;
    this.ticket = null;
    this.head = h('header', { class: 'ticket-head' });
    this.sla = new SlaClocks();
    this.thread = h('ol', { class: 'ticket-thread', id: 'ticket-thread', 'aria-label': t('thread.label') });
    this.composer = new TicketComposer({ api, onSent: (ticket) => this.changed(ticket, true) });
    this.closedBar = h('p', { class: 'closed-bar ticket-closed', id: 'ticket-closed', hidden: true });
    this.side = new TicketSide({ api, me, isSupervisor, context, onChanged: (ticket) => this.changed(ticket) });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    // Kept across renders: a live reload must not swap the button under the agent's click.
    this.callButton = h('button', { type: 'button', class: 'button', id: 'ticket-log-call', on: { click: () => this.logCall() } },
      icon('phone'), h('span', { text: t('ticket.logCall') }));
    this.element = h('div', { class: 'ticket-page', lang: language() },
      h('a', { href: '#/tickets', class: 'back-link', id: 'ticket-back' }, icon('back'), h('span', { text: t('ticket.back') })),
      this.error, this.head, this.sla.element,
      h('div', { class: 'ticket-grid' },
        h('section', { class: 'ticket-main', 'aria-labelledby': 'ticket-title' }, this.thread, this.closedBar, this.composer.element),
        this.side.element));
    this.reload = debounce(() => this.load(), 300);
    this.onTicket = (e) => {
      if (this.id && e.detail.ticketId === this.id) this.reload();
    };
    feed.addEventListener('ticket', this.onTicket);
    this.onKey = (e) => this.key(e);
  }

  /** Shows the ticket; `rest` ['entry', id] (a search hit) marks that entry of the thread. */
  show(id, rest = []) {
    document.addEventListener('keydown', this.onKey);
    this.hitEntry = rest[0] === 'entry' ? rest[1] : null;
    if (id !== this.id) {
      this.id = id;
      this.ticket = null;
      replace(this.head, h('h1', { id: 'ticket-title', text: t('ticket.loading') }));
      replace(this.thread);
    }
    this.api.cannedReplies().then((replies) => this.composer.setCanned(replies), () => {});
    this.context.load().then(() => this.load());
  }

  hide() {
    document.removeEventListener('keydown', this.onKey);
    clearTimeout(this.deliveryTimer);
  }

  /** While a reply waits to be mailed, looks again every few seconds (sending raises no event). */
  checkDelivery(ticket) {
    clearTimeout(this.deliveryTimer);
    if (awaitingDelivery(ticket)) this.deliveryTimer = setTimeout(() => this.reload(), 3000);
  }

  dispose() {
    this.hide();
    this.sla.dispose();
    this.reload.cancel();
    this.feed.removeEventListener('ticket', this.onTicket);
  }

  async load() {
    const id = this.id;
    let ticket;
    try {
      ticket = await this.api.ticket(id);
    } catch (error) {
      if (id !== this.id) return;
      this.error.textContent = t('ticket.loadFailed', { reason: refusal(error) });
      this.error.hidden = false;
      return;
    }
    if (id !== this.id) return;
    this.error.hidden = true;
    this.render(ticket);
  }

  /** After a change: the answer carries the ticket, but not its thread and history, so reload. */
  changed(ticket, scrollDown = false) {
    if (ticket && this.ticket) this.render({ ...this.ticket, ...ticket, entries: this.ticket.entries, history: this.ticket.history, links: this.ticket.links });
    this.scrollDown = scrollDown;
    this.load();
  }

  render(ticket) {
    const focusedId = document.activeElement?.id;
    this.ticket = ticket;
    replace(this.head,
      h('div', { class: 'ticket-title-row' },
        h('h1', { id: 'ticket-title' }, h('span', { class: 'ticket-number', text: `#${ticket.number}` }), ' ', h('span', { text: ticket.subject })),
        this.callButton),
      h('div', { class: 'ticket-pills' },
        pill('ticketStatus', ticket.status), pill('priority', ticket.priority), pill('type', ticket.type),
        h('span', { class: 'muted small', text: t('ticket.via', { channel: say('channel', ticket.channel) }) }),
        h('span', { class: 'muted small', text: ticket.assignee ? t('ticket.assignedTo', { name: ticket.assignee.name }) : t('tickets.unassigned') })));
    this.callButton.hidden = ticket.status === 'closed';
    this.sla.show(ticket);
    renderThread(this.thread, ticket, this.api);
    this.checkDelivery(ticket);
    if (this.scrollDown) this.thread.lastElementChild?.scrollIntoView({ block: 'nearest' });
    if (this.hitEntry) markHit(this.thread, this.hitEntry);
    this.hitEntry = null;
    this.scrollDown = false;
    this.composer.show(ticket);
    this.closedBar.hidden = ticket.status !== 'closed';
    this.closedBar.textContent = ticket.mergedInto ? t('ticket.mergedBanner') : t('ticket.closedBanner');
    if (ticket.mergedInto) this.closedBar.append(' ', h('a', { href: ticketHref(ticket.mergedInto), text: t('ticket.openSurvivor') }));
    this.side.show(ticket);
    if (focusedId && focusedId !== 'ticket-text') document.getElementById(focusedId)?.focus();
  }

  async logCall() {
    const answer = await logCallDialog({ api: this.api, ticket: this.ticket });
    if (!answer) return;
    toast(t('call.logged'));
    this.changed(answer.ticket, true);
  }

  key(e) {
    if (document.querySelector('dialog[open]') || e.ctrlKey || e.metaKey || !e.altKey) return;
    if (e.code === 'KeyN') {
      e.preventDefault();
      this.composer.toggleMode();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const ids = this.order();
      const index = ids.indexOf(this.id);
      if (!ids.length) return;
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? (index + 1) % ids.length : (index - 1 + ids.length) % ids.length;
      location.hash = ticketHref(ids[index < 0 ? 0 : next]);
    }
  }
}
