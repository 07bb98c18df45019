// The visitor sidebar: contact, the page they are on, browser and local time, pre-chat answers
// previous conversations and the chat's tickets.

import { t, language } from '../i18n.js';
import { h, replace, icon, externalLink } from '../dom.js';
import { shortTime, localTimeIn, describeUserAgent, initials, dispositionName } from '../format.js';
import { transcriptDialog } from './dialogs.js';
import { avatarColour } from './conversation-list.js';
import { SidebarContact } from './sidebar-contact.js';

const HIDDEN_FIELDS = new Set(['name', 'email', 'phone']);

export class Sidebar {
  /**
   * @param {object} api the REST API (previous conversations)
   * @param {(conversation: object) => Promise<object>} loadDetails loads conversation.details once
   * @param {object} [me] the signed-in user (the default owner when marking a lead)
   */
  constructor(api, loadDetails, me) {
    this.api = api;
    this.loadDetails = loadDetails;
    this.conversation = null;
    this.element = h('aside', { class: 'sidebar', 'aria-label': t('side.label'), lang: language(), hidden: true });
    this.clock = null;
    this.timer = setInterval(() => this.tick(), 1000);
    this.previous = new Map();
    this.tickets = new Map();
    this.crm = new SidebarContact(api, me, () => this.conversation && this.render());
  }

  dispose() {
    clearInterval(this.timer);
  }

  show(conversation) {
    this.conversation = conversation;
    this.element.hidden = !conversation;
    if (!conversation) return;
    this.render();
    this.load(conversation);
  }

  update(conversation) {
    if (this.conversation === conversation) this.render();
  }

  async load(c) {
    // A visitor rates after the chat closed: a closed chat's details are read again once.
    if (c.details && c.status === 'closed' && !c.details.rating && !c.ratingChecked) {
      c.ratingChecked = true;
      c.details = null;
      c.detailsLoading = null;
    }
    if (!c.details) {
      await this.loadDetails(c);
      if (this.conversation === c) this.render();
    }
    const contactId = c.details?.contact?.id || c.visitor?.id;
    this.crm.load(contactId);
    if (contactId && !this.previous.has(c.id)) {
      try {
        const rows = await this.api.contactConversations(contactId);
        this.previous.set(c.id, (rows || []).filter((r) => r.conversationId !== c.id));
      } catch {
        this.previous.set(c.id, null);
      }
      if (this.conversation === c) this.render();
    }
    if (!this.tickets.has(c.id)) await this.loadTickets(c);
  }

  /** The tickets linked to the chat (made from it, or naming it as their source). */
  async loadTickets(c) {
    try {
      this.tickets.set(c.id, (await this.api.chatTickets(c.id)) || []);
    } catch {
      this.tickets.set(c.id, null);
    }
    if (this.conversation === c) this.render();
  }

  /** A ticket was made from the chat: read its tickets again. */
  ticketsChanged(c) {
    this.loadTickets(c);
  }

  ticketsCard(c) {
    const tickets = this.tickets.get(c.id);
    if (!tickets?.length) return null;
    return h('section', { class: 'side-card', 'aria-labelledby': 'side-tickets', id: 'side-tickets-card' },
      h('h3', { id: 'side-tickets' }, icon('ticket'), h('span', { text: t('side.tickets') })),
      h('ul', { class: 'history-list' }, tickets.map((ticket) => h('li', {},
        h('a', { href: `#/tickets/${ticket.id}`, text: `#${ticket.number} ${ticket.subject}` }), ' ',
        h('span', { class: 'muted small', text: `· ${t(`ticketStatus.${ticket.status}`)}` })))));
  }

  render() {
    const c = this.conversation;
    const contact = c.details?.contact || {};
    const fields = c.details?.fields || c.fields || {};
    const name = c.visitorName;
    const email = contact.email || fields.email;
    const phone = contact.phone || fields.phone;
    const context = c.context || contact.context || null;
    const avatar = h('span', { class: 'avatar large', 'aria-hidden': 'true', text: initials(name) });
    avatar.style.background = avatarColour(c.visitor?.id || c.id);

    this.clock = h('span', { class: 'visitor-clock', text: context?.timeZone ? (localTimeIn(context.timeZone) || context.timeZone) : t('side.unknown') });
    this.clockZone = context?.timeZone || null;

    const extraFields = Object.entries(fields).filter(([key]) => !HIDDEN_FIELDS.has(key));
    const rating = c.details?.rating;
    const previous = this.previous.get(c.id);

    replace(this.element,
      h('section', { class: 'side-card contact-card' },
        avatar,
        h('h2', { class: 'contact-name', text: name }),
        h('dl', { class: 'facts' },
          fact(t('side.email'), email || '—'),
          fact(t('side.phone'), phone || '—'))),
      h('section', { class: 'side-card', 'aria-labelledby': 'side-page' },
        h('h3', { id: 'side-page' }, icon('globe'), h('span', { text: t('side.page') })),
        context?.url || context?.title
          ? h('div', { class: 'page-info' },
            h('div', { class: 'page-title', text: context.title || t('side.noTitle') }),
            context.url ? h('div', { class: 'page-url' }, externalLink(context.url)) : null)
          : h('p', { class: 'muted small', text: t('side.notKnown') })),
      h('section', { class: 'side-card', 'aria-labelledby': 'side-device' },
        h('h3', { id: 'side-device' }, icon('user'), h('span', { text: t('side.visitor') })),
        h('dl', { class: 'facts' },
          fact(t('side.browser'), describeUserAgent(context?.userAgent) || '—'),
          fact(t('side.language'), context?.language || '—'),
          h('div', { class: 'fact' }, h('dt', { text: t('side.localTime') }), h('dd', {}, this.clock)))),
      rating ? h('section', { class: 'side-card', 'aria-labelledby': 'side-rating', id: 'side-rating-card' },
        h('h3', { id: 'side-rating' }, icon('note'), h('span', { text: t('rating.title') })),
        h('p', { class: 'rating-stars', role: 'img', 'aria-label': t('rating.label', { n: rating.score }),
          text: '★'.repeat(rating.score) + '☆'.repeat(Math.max(0, 5 - rating.score)) }),
        rating.comment ? h('p', { class: 'rating-comment', text: rating.comment }) : null) : null,
      extraFields.length ? h('section', { class: 'side-card', 'aria-labelledby': 'side-fields' },
        h('h3', { id: 'side-fields' }, icon('note'), h('span', { text: t('side.fields') })),
        h('dl', { class: 'facts' }, extraFields.map(([key, value]) => fact(key, String(value))))) : null,
      this.crm.card(c.details?.contact?.id || c.visitor?.id),
      this.ticketsCard(c),
      h('section', { class: 'side-card', 'aria-labelledby': 'side-history' },
        h('h3', { id: 'side-history' }, icon('history'), h('span', { text: t('side.history') })),
        previous === undefined ? h('p', { class: 'muted small', text: t('side.loading') })
          : previous === null ? h('p', { class: 'muted small', text: t('side.unavailable') })
            : previous.length === 0 ? h('p', { class: 'muted small', text: t('side.first') })
              : h('ul', { class: 'history' }, previous.map((p) => h('li', {},
                h('button', {
                  type: 'button', class: 'history-item',
                  on: { click: () => transcriptDialog(this.api, p, name) },
                },
                h('span', { class: 'history-top' },
                  h('span', { text: shortTime(p.createdAt) }),
                  p.disposition ? h('span', { class: `pill ${p.disposition}`, text: dispositionName(p.disposition) }) : h('span', { class: 'pill', text: t(`conversationStatus.${p.status}`) })),
                h('span', { class: 'muted small', text: `${p.lastSeq === 1 ? t('side.message') : t('side.messages', { n: p.lastSeq })}${p.agentName ? ` · ${p.agentName}` : ''}` })))))));
  }

  tick() {
    if (this.clock && this.clockZone) {
      const text = localTimeIn(this.clockZone);
      if (text) this.clock.textContent = text;
    }
  }
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', { text: value }));
}
