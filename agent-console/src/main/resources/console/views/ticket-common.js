// What the ticket screens share: the ticket vocabulary of protocol 3.7 (statuses and the moves
// the workflow table allows, priorities, types, channels, SLA states), the pills and the SLA
// badge, and "in 2 h 5 min" / "5 min overdue" for deadlines.

import { h } from '../dom.js';
import { t, language } from '../i18n.js';
import { localMessage } from '../server-messages.js';
import { duration } from '../format.js';

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
export const TYPES = ['question', 'incident', 'complaint', 'request'];
export const CHANNELS = ['chat', 'web_form', 'email', 'phone', 'api'];
export const METRICS = ['first_response', 'next_response', 'initial_solution', 'resolution'];

/** The workflow table: where a ticket may go from each status. */
export const NEXT_STATUSES = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

/** SLA states from harmless to worst; a list row shows the worst of its open clocks. */
const SLA_RANK = ['cancelled', 'met', 'paused', 'running', 'at_risk', 'breached'];

/** A known value in the console's words; anything else as the server sent it. */
export function say(group, value) {
  if (value === undefined || value === null || value === '') return '—';
  const key = `${group}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

export function pill(group, value) {
  return h('span', { class: `pill ticket-${group} ${group}-${value}`, text: say(group, value) });
}

/** The state a clock shows now: running turns at risk, and breached, as its instants pass. */
export function liveState(clock, now = Date.now()) {
  const state = clock.state;
  if (state !== 'running' && state !== 'at_risk') return state;
  if (clock.deadline && Date.parse(clock.deadline) <= now) return 'breached';
  if (state === 'running' && clock.atRiskAt && Date.parse(clock.atRiskAt) <= now) return 'at_risk';
  return state;
}

/** "in 2 h 5 min" before the deadline, "5 min overdue" after it. */
export function untilText(deadline, now = Date.now()) {
  const seconds = Math.round((Date.parse(deadline) - now) / 1000);
  return seconds >= 0 ? t('sla.in', { time: duration(seconds) }) : t('sla.overdue', { time: duration(-seconds) });
}

/** A list row's SLA badge: the worst state, and the time to the next deadline. */
export function slaBadge(ticket, now = Date.now()) {
  let state = ticket.slaState;
  if (ticket.nextDeadline && ['running', 'at_risk', undefined, null].includes(state)) {
    const remaining = Date.parse(ticket.nextDeadline) - now;
    if (remaining <= 0) state = 'breached';
    else if (!state) state = 'running';
  }
  if (!state && !ticket.nextDeadline) return h('span', { class: 'sla-badge none', text: t('sla.none') });
  const parts = [say('slaState', state)];
  if (ticket.nextDeadline && !['met', 'cancelled', 'paused'].includes(state)) parts.push(untilText(ticket.nextDeadline, now));
  return h('span', { class: `sla-badge sla-${state}`, dataset: { state }, text: parts.join(' · ') });
}

export function worse(a, b) {
  return SLA_RANK.indexOf(a) >= SLA_RANK.indexOf(b) ? a : b;
}

export function ticketHref(id) {
  return `#/tickets/${id}`;
}

/** "#1042 Subject". */
export function ticketTitle(ticket) {
  return `#${ticket.number} ${ticket.subject}`;
}

/**
 * A ticket refusal of the server ("status: a ticket that is new cannot become closed") in the
 * console's language: the known ones in Chinese words, anything else generic in Chinese (the
 * server's English stays for English screens).
 */
export function ticketProblem(message) {
  const text = String(message || '');
  if (language() === 'en') return text.replace(/^[\w.]+: /, '');
  let match = /a ticket that is (\w+) cannot become (\w+)/.exec(text);
  if (match) return t('ticket.problem.move', { from: say('ticketStatus', match[1]), to: say('ticketStatus', match[2]) });
  match = /#(\d+) is closed/.exec(text);
  if (match) return t('ticket.problem.closed', { number: match[1] });
  if (/someone holds it already/.test(text)) return t('ticket.problem.held');
  if (/changed meanwhile and is now (\w+)/.test(text)) return t('ticket.problem.changed');
  if (/merged into itself/.test(text)) return t('merge.self');
  return localMessage(text);
}

/** A refusal from the server in the console's words where its kind is known. */
export function refusal(error) {
  if (error?.status === 409 || error?.code === 'conflict') return t('ticket.refused.conflict', { message: ticketProblem(error.message) });
  if (error?.status === 403 || error?.code === 'forbidden') return t('ticket.refused.forbidden');
  if (error?.status === 404 || error?.code === 'not_found') return t('ticket.refused.notFound');
  if (error?.code === 'network') return t('ticket.refused.network');
  return t('ticket.refused.other', { message: ticketProblem(error?.message || String(error)) });
}
