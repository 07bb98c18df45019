// The ticket events of the console's WebSocket (protocol 5.20 `ticket` and 5.21 `sla`) as DOM
// events for the ticket screens, and the SLA alerts: a toast that links to the ticket, the chime,
// a desktop notification when the agent allowed them,
// and a count on the Tickets page link until the agent opens that page.

import { h } from './dom.js';
import { t } from './i18n.js';
import { chime, desktopNotify } from './notify.js';

const TOAST_MS = 12000;

export class TicketFeed extends EventTarget {
  /** @param {{on: (type: string, handler: Function) => Function}} client the protocol client */
  constructor(client) {
    super();
    this.off = client.on('event', (event) => {
      if (event.type === 'ticket' || event.type === 'sla') this.dispatchEvent(new CustomEvent(event.type, { detail: event }));
    });
  }

  dispose() {
    this.off();
  }
}

/**
 * Calls `refresh` once things calm down: at most one call per `ms` while events keep coming, so
 * a bulk change of fifty tickets costs one reload, not fifty.
 */
export function debounce(refresh, ms = 400) {
  let timer = null;
  const run = () => {
    timer = null;
    refresh();
  };
  const call = () => {
    if (!timer) timer = setTimeout(run, ms);
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return call;
}

/** Shows every `sla` event of the feed to the agent and counts them on the nav link. */
export class SlaAlerts {
  constructor(feed, navLink) {
    this.count = 0;
    this.badge = h('span', { class: 'nav-badge', hidden: true, 'aria-hidden': 'true' });
    this.label = h('span', { class: 'sr-only' });
    navLink.append(this.badge, this.label);
    this.onSla = (e) => this.alert(e.detail);
    feed.addEventListener('sla', this.onSla);
    this.feed = feed;
  }

  dispose() {
    this.feed.removeEventListener('sla', this.onSla);
  }

  alert(event) {
    const key = event.kind === 'breached' ? 'slaAlert.breached' : 'slaAlert.atRisk';
    const metric = t(`metric.${event.metric}`);
    const box = document.getElementById('toasts');
    if (box) {
      const item = h('div', { class: `toast sla-toast ${event.kind === 'breached' ? 'error' : 'warn'}`, dataset: { ticket: event.ticketId } },
        h('span', { text: t(key, { number: event.number, metric }) }), ' ',
        h('a', { href: `#/tickets/${event.ticketId}`, text: event.subject ? `#${event.number} ${event.subject}` : `#${event.number}`, on: { click: () => item.remove() } }));
      box.append(item);
      setTimeout(() => item.remove(), TOAST_MS);
    }
    chime();
    desktopNotify(t(key, { number: event.number, metric }), event.subject || '', `sla-${event.ticketId}-${event.metric}`,
      () => { window.location.hash = `#/tickets/${event.ticketId}`; });
    this.count += 1;
    this.render();
  }

  /** The agent looked at the tickets: the count starts again. */
  seen() {
    this.count = 0;
    this.render();
  }

  render() {
    this.badge.hidden = this.count === 0;
    this.badge.textContent = String(this.count);
    this.label.textContent = this.count ? t('slaAlert.navCount', { n: this.count }) : '';
  }
}
