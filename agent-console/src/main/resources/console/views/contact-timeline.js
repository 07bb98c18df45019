// A contact's timeline: one list, newest first, of everything that happened with the customer
// (chats, tickets, ratings, mails, edits with who and when, stage and owner changes, notes,
// merges, imports and campaign touches), read page by page from GET /v1/contacts/{id}/timeline.
// A chat opens its transcript; a ticket links to its page.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { shortTime, fullTime, dispositionName } from '../format.js';
import { transcriptDialog } from './dialogs.js';
import { say, ticketHref } from './ticket-common.js';
import { contactHref, stageName, contactProblem } from './contact-common.js';

const PAGE_SIZE = 50;
const ICONS = { conversation: 'inbox', ticket: 'ticket', rating: 'note', mail: 'mail', note: 'note', merged: 'copy', merge: 'copy', campaign: 'send', created: 'user' };

export class ContactTimeline {
  /**
   * @param {object} api the REST API
   * @param {{ noteBody: (id) => string|undefined, agentName: (id) => string|undefined,
   *   fieldLabel: (key) => string }} names what a note item (which holds only the note's id),
   *   an owner change (ids) and a custom field's change (its key) show
   */
  constructor(api, names) {
    this.api = api;
    this.names = names;
    this.contact = null;
    this.items = [];
    this.next = null;
    this.list = h('ol', { class: 'contact-timeline', id: 'contact-timeline', 'aria-labelledby': 'contact-timeline-title' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.more = h('button', { type: 'button', class: 'button small', id: 'timeline-more', hidden: true, text: t('ctl.more'), on: { click: () => this.load(true) } });
    this.element = h('section', { class: 'card contact-card-timeline', 'aria-labelledby': 'contact-timeline-title' },
      h('h2', { id: 'contact-timeline-title' }, icon('history'), h('span', { text: t('ctl.title') })),
      this.error, this.list, this.more);
  }

  async load(more = false) {
    if (!this.contact) return;
    const id = this.contact.id;
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (more && this.next) params.set('before', this.next);
    let answer;
    try {
      answer = await this.api.contactTimeline(id, params.toString());
    } catch (error) {
      this.error.textContent = t('ctl.failed', { reason: contactProblem(error) });
      this.error.hidden = false;
      return;
    }
    if (this.contact?.id !== id) return;
    this.error.hidden = true;
    this.items = more ? this.items.concat(answer?.items || []) : (answer?.items || []);
    this.next = answer?.next || null;
    replace(this.list, this.items.length ? this.items.map((item) => this.entry(item)) : h('li', { class: 'muted', text: t('ctl.empty') }));
    this.more.hidden = !this.next;
  }

  show(contact) {
    const changed = this.contact?.id !== contact.id;
    this.contact = contact;
    if (changed) replace(this.list, h('li', { class: 'muted', text: t('ctl.loading') }));
    return this.load();
  }

  entry(item) {
    const family = String(item.kind || '').split(/[._]/)[0];
    const actor = item.actorName || item.actor?.name || (typeof item.actor === 'string' && !/^[0-9a-f-]{36}$/.test(item.actor) ? actorWord(item.actor) : null);
    return h('li', { class: `ctl-item ctl-${family}`, dataset: { kind: item.kind } },
      h('span', { class: 'ctl-icon' }, icon(ICONS[family] || 'history')),
      h('div', { class: 'ctl-body' },
        h('div', { class: 'ctl-head' },
          h('span', { class: 'ctl-title', text: kindTitle(item.kind) }),
          actor ? h('span', { class: 'ctl-actor', text: t('ctl.by', { name: actor }) }) : null,
          h('time', { class: 'ctl-time muted small', datetime: item.at, title: fullTime(item.at), text: shortTime(item.at) })),
        this.detail(item, family)));
  }

  detail(item, family) {
    if (family === 'conversation') {
      const summary = {
        conversationId: item.conversationId, createdAt: item.startedAt || item.at, closedAt: item.closedAt,
        agentName: item.agentName || item.actor?.name, disposition: item.disposition,
      };
      const facts = [summary.agentName, item.disposition && dispositionName(item.disposition),
        typeof item.messageCount === 'number' && t('ctl.messages', { n: item.messageCount })].filter(Boolean);
      return h('div', { class: 'ctl-detail' },
        h('button', { type: 'button', class: 'button small ctl-transcript', on: { click: () => transcriptDialog(this.api, summary, this.contact.name || t('contact.unnamed')) } },
          h('span', { text: t('ctl.openChat') })),
        facts.length ? h('span', { class: 'muted small', text: ` ${facts.join(' · ')}` }) : null);
    }
    if (family === 'ticket' || family === 'mail') {
      const id = item.ticketId || item.ticket?.id;
      const text = `#${item.number ?? item.ticket?.number ?? ''} ${item.subject ?? item.ticket?.subject ?? ''}`.trim();
      return h('div', { class: 'ctl-detail' },
        id ? h('a', { href: ticketHref(id), class: 'ctl-ticket-link', text }) : h('span', { text }),
        item.status ? h('span', { class: 'muted small', text: ` · ${say('ticketStatus', item.status)}` }) : null,
        item.from ? h('span', { class: 'muted small', text: ` · ${item.from}` }) : null);
    }
    if (family === 'rating') {
      return h('div', { class: 'ctl-detail' },
        h('span', { role: 'img', 'aria-label': t('rating.label', { n: item.score }), text: '★'.repeat(item.score || 0) + '☆'.repeat(Math.max(0, 5 - (item.score || 0))) }),
        item.comment ? h('p', { class: 'ctl-text', text: item.comment }) : null);
    }
    const detail = item.detail || {};
    if (family === 'note') return h('p', { class: 'ctl-text', text: item.body || detail.body || this.names.noteBody(item.noteId) || '' });
    if (family === 'merged' || family === 'merge') {
      const other = item.mergedId || item.survivorId || detail.mergedId || detail.survivorId;
      const label = item.role === 'merged' ? t('ctl.mergedInto') : t('ctl.absorbed', { name: item.mergedName || t('contact.unnamed') });
      return other ? h('div', { class: 'ctl-detail' }, h('span', { text: `${label} ` }), h('a', { href: contactHref(other), text: t('ctl.mergeOther', { id: other.slice(0, 8) }) })) : null;
    }
    if (family === 'created' && item.source) return h('p', { class: 'ctl-text muted small', text: t(`contact.sourceKind.${item.source}`) });
    const changes = changeList(item).flatMap(([field, from, to]) => {
      if (field === 'owner') return [[field, this.names.agentName(from) || from, this.names.agentName(to) || to]];
      if (field !== 'attributes') return [[field, from, to]];
      // One line per custom field that changed, under its label.
      const keys = new Set([...Object.keys(from || {}), ...Object.keys(to || {})]);
      return [...keys].filter((key) => JSON.stringify(from?.[key]) !== JSON.stringify(to?.[key]))
        .map((key) => [this.names.fieldLabel(key), from?.[key], to?.[key]]);
    });
    if (changes.length) {
      return h('ul', { class: 'ctl-changes' }, changes.map(([field, from, to]) => h('li', {},
        h('span', { class: 'ctl-field', text: fieldWord(field) }), ': ',
        h('span', { class: 'ctl-from', text: shown(field, from) }), ' → ', h('span', { class: 'ctl-to', text: shown(field, to) }))));
    }
    if (family === 'campaign') return detail.name || detail.campaign ? h('p', { class: 'ctl-text', text: detail.name || detail.campaign }) : null;
    return null;
  }
}

/** [field, before, after] from { changes: {f: {from, to}} } or { before: {}, after: {} }. */
function changeList(item) {
  const detail = item.detail || item;
  if (detail.changes && typeof detail.changes === 'object') {
    return Object.entries(detail.changes).map(([field, change]) => [field, change?.from ?? change?.before, change?.to ?? change?.after]);
  }
  if (detail.before || detail.after) {
    const keys = new Set([...Object.keys(detail.before || {}), ...Object.keys(detail.after || {})]);
    return [...keys].map((field) => [field, detail.before?.[field], detail.after?.[field]]);
  }
  if ('from' in detail || 'to' in detail) return [[item.kind.replace(/_changed$/, '').split('.').pop(), detail.from, detail.to]];
  return [];
}

function shown(field, value) {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'stage') return stageName(value);
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (typeof value === 'object') return value.name || JSON.stringify(value);
  return String(value);
}

function fieldWord(field) {
  const key = `contact.field.${field}`;
  const text = t(key);
  return text === key ? field : text;
}

function kindTitle(kind) {
  const key = `ctl.kind.${kind}`;
  const text = t(key);
  if (text !== key) return text;
  if (String(kind).startsWith('campaign.')) return t('ctl.kind.campaign', { what: kind.slice(9) });
  return String(kind);
}

function actorWord(actor) {
  if (['visitor', 'import', 'system'].includes(actor)) return t(`ctl.actor.${actor}`);
  if (actor.startsWith('api:')) return t('ctl.actor.api');
  return actor;
}
