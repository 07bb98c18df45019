// The Tickets page: #/tickets shows the views (ticket-list.js), #/tickets/{id} one ticket
// (ticket-view.js). Both share the queues and agents, read once a minute at most.

import { TicketList } from './ticket-list.js';
import { TicketView } from './ticket-view.js';
import { replace, h } from '../dom.js';

const CONTEXT_MS = 60000;

/** The queues and agents the ticket screens offer as choices. */
export class TicketContext {
  constructor(api) {
    this.api = api;
    this.queues = [];
    this.agents = [];
    this.loadedAt = 0;
    this.pending = null;
  }

  load() {
    if (Date.now() - this.loadedAt < CONTEXT_MS) return Promise.resolve();
    this.pending ||= Promise.all([
      this.api.queues().catch(() => this.queues),
      this.api.agents().catch(() => this.agents),
    ]).then(([queues, agents]) => {
      this.queues = queues || [];
      this.agents = (agents || []).slice().sort((a, b) => a.name.localeCompare(b.name));
      this.loadedAt = Date.now();
    }).finally(() => { this.pending = null; });
    return this.pending;
  }
}

export class TicketsPage {
  constructor({ api, me, isSupervisor, feed, onShown }) {
    this.context = new TicketContext(api);
    this.onShown = onShown;
    this.list = new TicketList({ api, me, feed, context: this.context });
    this.view = new TicketView({ api, me, isSupervisor, feed, context: this.context, order: () => this.list.order() });
    this.current = null;
    this.element = h('div', { class: 'tickets-host' });
    this.context.load().then(() => this.list.bulk.setAgents(this.context.agents, me));
  }

  /** '' for the views, a ticket id for that ticket; `rest` ['entry', id] marks that entry. */
  show(section, rest = []) {
    const next = section ? this.view : this.list;
    if (this.current !== next) {
      this.current?.hide();
      this.current = next;
      replace(this.element, next.element);
    }
    next.show(section, rest);
    this.onShown();
  }

  hide() {
    this.current?.hide();
    this.current = null;
  }

  dispose() {
    this.list.dispose();
    this.view.dispose();
  }
}
