// A ticket's thread, oldest first: what the customer wrote, public replies (one may be the
// proposed solution), internal notes (never shown to the customer, and drawn as notes), and
// logged phone calls with caller, direction, duration and outcome. An entry that came in by mail
// says so (with its original and formatted views), and a mailed reply shows its delivery. Files
// show as thumbnails and cards (attachment-list.js). The thread is drawn anew on every reload (a
// reply waiting for delivery reloads every few seconds); whatever had the focus inside it, such
// as a thumbnail whose larger view was just closed, has it again afterwards.

import { h, replace, icon, linkify } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime, duration } from '../format.js';
import { mailLine, deliveryList } from './ticket-mail.js';
import { attachmentList } from './attachment-list.js';

/** Renders the entries of `ticket` into `list`; `api` fetches the mail an entry came in as. */
export function renderThread(list, ticket, api) {
  const entries = [...(ticket.entries || [])].sort((a, b) => String(a.at).localeCompare(String(b.at)) || a.id - b.id);
  const focused = focusPlace(list);
  replace(list, entries.length ? entries.map((entry) => item(entry, ticket, api)) : h('li', { class: 'muted', text: t('thread.empty') }));
  if (focused) refocus(list, focused);
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** Where the focus is in `list`: its entry's id and its place among the entry's focusable elements (-1: the entry). */
function focusPlace(list) {
  const active = document.activeElement;
  const entry = active && list.contains(active) ? active.closest('li[data-id]') : null;
  if (!entry) return null;
  return { id: entry.dataset.id, index: active === entry ? -1 : [...entry.querySelectorAll(FOCUSABLE)].indexOf(active) };
}

/** Focuses the same place in the redrawn `list`, if that entry and element are still there. */
function refocus(list, { id, index }) {
  const entry = [...list.children].find((li) => li.dataset.id === id);
  if (!entry) return;
  if (index < 0) entry.tabIndex = -1;
  const target = index < 0 ? entry : entry.querySelectorAll(FOCUSABLE)[index];
  target?.focus({ preventScroll: true });
}

function item(entry, ticket, api) {
  const kind = ['customer', 'reply', 'note', 'call'].includes(entry.kind) ? entry.kind : 'reply';
  const author = entry.author?.name || (kind === 'customer' ? (ticket.requester?.name || ticket.requester?.email || t('thread.customer')) : t('thread.staff'));
  return h('li', { class: `entry entry-${kind}`, dataset: { kind, id: String(entry.id) } },
    h('div', { class: 'entry-head' },
      kind === 'note' ? icon('note') : kind === 'call' ? icon('phone') : null,
      h('span', { class: 'entry-kind', text: t(`thread.kind.${kind}`) }),
      h('span', { class: 'entry-author', text: author }),
      entry.proposedSolution ? h('span', { class: 'pill proposed', text: t('thread.proposed') }) : null,
      h('time', { class: 'entry-time', datetime: entry.at, title: fullTime(entry.at), text: shortTime(entry.at) })),
    mailLine(entry, ticket, api),
    kind === 'call' ? callFacts(entry.call || {}) : null,
    entry.body ? h('div', { class: 'entry-body' }, linkify(entry.body)) : null,
    attachmentList(entry.attachments),
    kind === 'reply' ? deliveryList(entry) : null);
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

/** Marks the entry with id `entryId` (a search hit), scrolls to it and moves focus there. */
export function markHit(list, entryId) {
  const entry = [...list.children].find((li) => li.dataset.id === String(entryId));
  if (!entry) return;
  entry.classList.add('entry-hit');
  entry.setAttribute('aria-current', 'true');
  entry.tabIndex = -1;
  entry.scrollIntoView({ block: 'center' });
  entry.focus({ preventScroll: true });
}
