// The ticket page's sidebar: the requester, the linked chats, the controls (status as the
// workflow allows from the current one, priority, type, queue, assignee, tags), taking the
// ticket, merging it into another ticket of the site, and its history.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime } from '../format.js';
import { toast, transcriptDialog } from './dialogs.js';
import { confirmMerge } from './ticket-dialogs.js';
import { NEXT_STATUSES, PRIORITIES, TYPES, say, refusal, ticketHref } from './ticket-common.js';

export class TicketSide {
  /** @param {{api, me, isSupervisor, context, onChanged: (ticket) => void}} options */
  constructor({ api, me, isSupervisor, context, onChanged }) {
    Object.assign(this, { api, me, isSupervisor, context, onChanged });
    this.error = h('p', { class: 'form-error', role: 'alert', id: 'ticket-side-error', hidden: true });
    this.element = h('aside', { class: 'ticket-side', 'aria-label': t('ticketSide.label') });
  }

  show(ticket) {
    this.ticket = ticket;
    const closed = ticket.status === 'closed';
    const select = (key, values, current, onChange) => {
      const input = h('select', { id: `ticket-${key}`, disabled: closed, on: { change: () => onChange(input.value) } },
        values.map(([value, label]) => h('option', { value, text: label, selected: value === current })));
      return h('div', { class: 'field' }, h('label', { htmlFor: `ticket-${key}`, text: t(`ticketSide.${key}`) }), input);
    };
    const site = new Set(this.context.queues.filter((q) => q.siteId === ticket.siteId).map((q) => q.id));
    const queues = this.context.queues.filter((q) => site.has(q.id)).map((q) => [q.id, q.name]);
    if (ticket.queue && !site.has(ticket.queue)) queues.unshift([ticket.queue, ticket.queue]);
    const agents = this.context.agents.filter((a) => (a.queues || []).some((q) => site.has(q)) || a.id === ticket.assignee?.id);
    if (ticket.assignee && !agents.some((a) => a.id === ticket.assignee.id)) agents.push({ id: ticket.assignee.id, name: ticket.assignee.name });
    const tags = h('input', { type: 'text', id: 'ticket-tags', value: (ticket.tags || []).join(', '), disabled: closed, autocomplete: 'off' });
    const mergeNumber = h('input', { type: 'text', id: 'merge-number', inputmode: 'numeric', autocomplete: 'off', disabled: closed });
    const requester = ticket.requester || {};

    replace(this.element,
      h('section', { class: 'side-card', 'aria-labelledby': 'ts-requester' },
        h('h3', { id: 'ts-requester' }, icon('user'), h('span', { text: t('ticketSide.requester') })),
        h('p', { class: 'contact-name', text: requester.name || t('tickets.noRequester') }),
        requester.email ? h('p', { class: 'muted small', text: requester.email }) : null),
      this.linksCard(ticket),
      h('section', { class: 'side-card ticket-controls', 'aria-labelledby': 'ts-controls' },
        h('h3', { id: 'ts-controls' }, icon('settings'), h('span', { text: t('ticketSide.controls') })),
        !ticket.assignee && !closed ? h('button', { type: 'button', class: 'button primary', id: 'ticket-take', text: t('ticketSide.take'), on: { click: () => this.act(() => this.api.takeTicket(ticket.id)) } }) : null,
        select('status', [[ticket.status, say('ticketStatus', ticket.status)], ...(NEXT_STATUSES[ticket.status] || []).map((s) => [s, say('ticketStatus', s)])],
          ticket.status, (value) => this.act(() => this.api.setTicketStatus(ticket.id, value))),
        select('priority', PRIORITIES.map((p) => [p, say('priority', p)]), ticket.priority, (value) => this.update({ priority: value })),
        select('type', TYPES.map((p) => [p, say('type', p)]), ticket.type, (value) => this.update({ type: value })),
        select('queue', queues, ticket.queue, (value) => this.update({ queue: value })),
        select('assignee', [['', t('tickets.unassigned')], ...agents.map((a) => [a.id, a.id === this.me.userId ? t('ticketSide.me', { name: a.name }) : a.name])],
          ticket.assignee?.id || '', (value) => this.update({ assignee: value || null })),
        h('form', { class: 'field tags-field', on: { submit: (e) => { e.preventDefault(); this.update({ tags: tags.value.split(',').map((x) => x.trim()).filter(Boolean) }); } } },
          h('label', { htmlFor: 'ticket-tags', text: t('ticketSide.tags') }),
          h('div', { class: 'inline-input' }, tags, h('button', { type: 'submit', class: 'button small', disabled: closed, text: t('ticketSide.saveTags') }))),
        this.error),
      h('section', { class: 'side-card', 'aria-labelledby': 'ts-merge' },
        h('h3', { id: 'ts-merge' }, h('span', { text: t('ticketSide.merge') })),
        h('form', { class: 'field', id: 'merge-form', on: { submit: (e) => { e.preventDefault(); this.merge(mergeNumber.value); } } },
          h('label', { htmlFor: 'merge-number', text: t('ticketSide.mergeInto') }),
          h('div', { class: 'inline-input' }, mergeNumber, h('button', { type: 'submit', class: 'button small', id: 'merge-find', disabled: closed, text: t('ticketSide.mergeFind') })))),
      this.historyCard(ticket));
  }

  linksCard(ticket) {
    const links = ticket.links || [];
    return h('section', { class: 'side-card', 'aria-labelledby': 'ts-links' },
      h('h3', { id: 'ts-links' }, icon('inbox'), h('span', { text: t('ticketSide.chats') })),
      links.length ? h('ul', { class: 'history-list ticket-links' }, links.map((link) => h('li', {},
        h('button', {
          type: 'button', class: 'link-button', on: { click: () => transcriptDialog(this.api, { conversationId: link.conversationId, createdAt: link.at }, ticket.requester?.name || t('visitor')) },
        }, h('span', { text: t(`ticketSide.link.${link.relation === 'spawned' ? 'spawned' : 'source'}`, { time: shortTime(link.at) }) })),
        this.isSupervisor ? h('a', { href: `#/monitor/${link.conversationId}`, class: 'small', text: t('ticketSide.openChat') }) : null)))
        : h('p', { class: 'muted small', text: t('ticketSide.noChats') }));
  }

  historyCard(ticket) {
    const history = [...(ticket.history || [])].reverse();
    return h('section', { class: 'side-card', 'aria-labelledby': 'ts-history' },
      h('h3', { id: 'ts-history' }, icon('history'), h('span', { text: t('ticketSide.history') })),
      h('ol', { class: 'history-list ticket-history', id: 'ticket-history' }, history.map((event) => h('li', {},
        h('time', { datetime: event.at, title: fullTime(event.at), class: 'muted small', text: shortTime(event.at) }), ' ',
        h('span', { text: this.describe(event) })))));
  }

  /** One history line: who did what, with the before and after values in the console's words. */
  describe(event) {
    const actor = event.actor?.name || (event.actor?.id === 'system' || !event.actor ? t('ticketSide.system') : t('ticketSide.someone'));
    const known = say('historyKind', event.kind);
    const kind = known === String(event.kind) ? t('historyKind.other') : known;
    const detail = event.detail || {};
    const value = (v) => {
      if (v === undefined || v === null || v === '') return '—';
      if (['status', 'priority', 'type'].includes(event.kind)) return say(event.kind === 'status' ? 'ticketStatus' : event.kind, v);
      if (event.kind === 'assigned' || event.kind === 'unassigned') return this.context.agents.find((a) => a.id === v)?.name || t('ticketSide.someone');
      if (event.kind === 'queue') return this.context.queues.find((q) => q.id === v)?.name || v;
      return String(v);
    };
    const change = 'to' in detail ? ` ${value(detail.from)} → ${value(detail.to)}` : '';
    return `${actor}: ${kind}${change}`;
  }

  async update(body) {
    await this.act(() => this.api.updateTicket(this.ticket.id, body));
  }

  async act(call) {
    this.error.hidden = true;
    try {
      const ticket = await call();
      this.onChanged(ticket);
    } catch (error) {
      this.error.textContent = refusal(error);
      this.error.hidden = false;
      this.onChanged(null);
    }
  }

  async merge(raw) {
    this.error.hidden = true;
    const number = Number(String(raw).trim().replace(/^#/, ''));
    const fail = (message) => {
      this.error.textContent = message;
      this.error.hidden = false;
    };
    if (!Number.isInteger(number) || number <= 0) return fail(t('merge.badNumber'));
    let found;
    try {
      const answer = await this.api.tickets(new URLSearchParams({ view: 'all', number: String(number) }).toString());
      found = (answer?.tickets || []).find((x) => x.siteId === this.ticket.siteId && x.number === number);
    } catch (error) {
      return fail(refusal(error));
    }
    if (!found) return fail(t('merge.notFound', { number }));
    if (found.id === this.ticket.id) return fail(t('merge.self'));
    if (!(await confirmMerge(this.ticket, found))) return undefined;
    try {
      const survivor = await this.api.mergeTicket(this.ticket.id, found.id);
      toast(t('merge.done', { from: this.ticket.number, into: survivor?.number ?? found.number }));
      location.hash = ticketHref(survivor?.id || found.id);
    } catch (error) {
      fail(refusal(error));
    }
    return undefined;
  }
}
