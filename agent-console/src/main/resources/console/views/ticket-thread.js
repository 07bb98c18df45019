// A ticket's thread, oldest first: what the customer wrote, public replies (one may be the
// proposed solution), internal notes (never shown to the customer, and drawn as notes), and
// logged phone calls with caller, direction, duration and outcome.

import { h, replace, icon, linkify } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime, duration } from '../format.js';

export function renderThread(list, ticket) {
  const entries = [...(ticket.entries || [])].sort((a, b) => String(a.at).localeCompare(String(b.at)) || a.id - b.id);
  replace(list, entries.length ? entries.map((entry) => item(entry, ticket)) : h('li', { class: 'muted', text: t('thread.empty') }));
}

function item(entry, ticket) {
  const kind = ['customer', 'reply', 'note', 'call'].includes(entry.kind) ? entry.kind : 'reply';
  const author = entry.author?.name || (kind === 'customer' ? (ticket.requester?.name || ticket.requester?.email || t('thread.customer')) : t('thread.staff'));
  return h('li', { class: `entry entry-${kind}`, dataset: { kind, id: String(entry.id) } },
    h('div', { class: 'entry-head' },
      kind === 'note' ? icon('note') : kind === 'call' ? icon('phone') : null,
      h('span', { class: 'entry-kind', text: t(`thread.kind.${kind}`) }),
      h('span', { class: 'entry-author', text: author }),
      entry.proposedSolution ? h('span', { class: 'pill proposed', text: t('thread.proposed') }) : null,
      h('time', { class: 'entry-time', datetime: entry.at, title: fullTime(entry.at), text: shortTime(entry.at) })),
    kind === 'call' ? callFacts(entry.call || {}) : null,
    entry.body ? h('div', { class: 'entry-body' }, linkify(entry.body)) : null);
}

function callFacts(call) {
  const seconds = Number(call.durationSeconds);
  const direction = call.direction === 'outbound' ? t('call.outbound') : call.direction === 'inbound' ? t('call.inbound') : call.direction;
  return h('dl', { class: 'call-facts' },
    fact(t('call.caller'), call.caller),
    fact(t('call.direction'), direction),
    fact(t('call.duration'), Number.isFinite(seconds) ? duration(seconds) : null),
    fact(t('call.outcome'), call.outcome),
    call.startedAt ? fact(t('call.startedAt'), shortTime(call.startedAt)) : null);
}

function fact(label, value) {
  return value ? h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', { text: value })) : null;
}
