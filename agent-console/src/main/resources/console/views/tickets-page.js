// The Tickets page: #/tickets shows the views (ticket-list.js), #/tickets/{id} one ticket
// (ticket-view.js). Both share the queues and agents (ticket-context.js).

import { TicketList } from './ticket-list.js';
import { TicketView } from './ticket-view.js';
import { replace, h } from '../dom.js';
import { TicketContext } from './ticket-context.js';

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
