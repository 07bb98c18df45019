// The queues and agents the ticket screens offer as choices, read once a minute at most. Its own
// module so the inbox (a ticket from a chat) uses it without loading the Tickets page.

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
