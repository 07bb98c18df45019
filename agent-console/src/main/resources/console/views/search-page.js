// The search page, #/search?q=...: the words and filters (kind, dates, team, agent, status, tag,
// rating, channel) as a form whose state lives in the address, the hits newest first with the
// match marked in its context, and "show more" by the server's cursor. A chat message opens its
// transcript at that message, a ticket hit the ticket at that entry. Built with DOM nodes only.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { shortTime, fullTime } from '../format.js';
import { refusal } from './ticket-common.js';
import { transcriptDialog } from './dialogs.js';

const FILTERS = ['kind', 'from', 'to', 'team', 'agent', 'status', 'tag', 'rating', 'channel'];
const STATUSES = [['queued', 'search.conversationStatus.queued'], ['assigned', 'search.conversationStatus.assigned'],
  ['new', 'ticketStatus.new'], ['open', 'ticketStatus.open'], ['pending', 'ticketStatus.pending'],
  ['on_hold', 'ticketStatus.on_hold'], ['solved', 'ticketStatus.solved'], ['closed', 'search.conversationStatus.closed']];
const CHANNELS = ['chat', 'web_form', 'email', 'phone', 'api'];

/** The snippet as text nodes with each highlighted range in a <mark>. */
export function markedSnippet(snippet, highlights) {
  const parts = [];
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end > snippet.length || start >= end) continue;
    if (start > at) parts.push(snippet.slice(at, start));
    parts.push(h('mark', { text: snippet.slice(start, end) }));
    at = end;
  }
  if (at < snippet.length) parts.push(snippet.slice(at));
  return parts;
}

/** A date field's day as the instant its local midnight starts (plus `days`). */
function dayStart(value, days = 0) {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

function select(id, options) {
  return h('select', { id, name: id }, h('option', { value: '', text: t('search.any') }),
    options.map(([value, label]) => h('option', { value, text: label })));
}

export class SearchPage {
  constructor(api) {
    this.api = api;
    this.query = h('input', { type: 'search', id: 'search-q', name: 'q', maxLength: 200, required: true, autocomplete: 'off' });
    this.fields = {
      kind: h('select', { id: 'search-kind', name: 'kind' },
        ['all', 'messages', 'tickets', 'contacts', 'companies'].map((kind) => h('option', { value: kind, text: t(`search.kind.${kind}`) }))),
      from: h('input', { type: 'date', id: 'search-from', name: 'from' }),
      to: h('input', { type: 'date', id: 'search-to', name: 'to' }),
      team: select('search-team', []),
      agent: select('search-agent', []),
      status: select('search-status', STATUSES.map(([value, key]) => [value, t(key)])),
      tag: h('input', { type: 'text', id: 'search-tag', name: 'tag', maxLength: 32, autocomplete: 'off' }),
      rating: select('search-rating', [5, 4, 3, 2, 1].map((n) => [String(n), t('search.stars', { n })])),
      channel: select('search-channel', CHANNELS.map((c) => [c, t(`channel.${c}`)])),
    };
    const field = (name) => h('label', { class: 'search-field', htmlFor: this.fields[name].id },
      h('span', { text: t(`search.${name}`) }), this.fields[name]);
    this.status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
    this.list = h('ol', { class: 'search-results', 'aria-label': t('search.results') });
    this.more = h('button', { type: 'button', class: 'button', hidden: true, text: t('search.more'), on: { click: () => this.run(true) } });
    this.form = h('form', { class: 'search-form', role: 'search', on: { submit: (e) => { e.preventDefault(); this.submit(); } } },
      h('div', { class: 'search-line' },
        h('label', { class: 'sr-only', htmlFor: 'search-q', text: t('search.query') }), this.query,
        h('button', { type: 'submit', class: 'button primary', text: t('search.submit') })),
      h('fieldset', { class: 'search-filters' }, h('legend', { text: t('search.filters') }), FILTERS.map(field)));
    this.element = h('section', { class: 'search-page', 'aria-labelledby': 'search-title' },
      h('h1', { id: 'search-title', text: t('search.title') }), this.form, this.status, this.list, this.more);
    this.choicesLoaded = false;
  }

  /** Shows the search the address describes and runs it. */
  show(params) {
    this.loadChoices();
    this.query.value = params.get('q') || '';
    for (const name of FILTERS) this.fields[name].value = params.get(name) || (name === 'kind' ? 'all' : '');
    if (this.query.value.trim()) this.run(false);
    else {
      replace(this.list);
      this.more.hidden = true;
      this.status.textContent = '';
      this.query.focus();
    }
  }

  hide() {}

  loadChoices() {
    if (this.choicesLoaded) return;
    this.choicesLoaded = true;
    const fill = (selectEl, items) => {
      const chosen = selectEl.value;
      selectEl.append(...items.map(([value, label]) => h('option', { value, text: label })));
      selectEl.value = chosen;
    };
    this.api.teams().then((teams) => fill(this.fields.team, (teams || []).map((team) => [team.id, team.name])), () => {});
    this.api.agents().then((agents) => fill(this.fields.agent, (agents || []).map((a) => [a.id, a.name])), () => {});
  }

  /** Puts the form into the address; the page follows the address. */
  submit() {
    const params = new URLSearchParams();
    params.set('q', this.query.value.trim());
    for (const name of FILTERS) if (this.fields[name].value && !(name === 'kind' && this.fields[name].value === 'all')) params.set(name, this.fields[name].value);
    const hash = `#/search?${params}`;
    if (location.hash === hash) this.run(false);
    else location.hash = hash;
  }

  /** The request's query string, from the form; dates become local-midnight instants. */
  request(cursor) {
    const params = new URLSearchParams({ q: this.query.value.trim(), limit: '20' });
    for (const name of FILTERS) {
      const value = this.fields[name].value;
      if (!value) continue;
      if (name === 'from') params.set('from', dayStart(value));
      else if (name === 'to') params.set('to', dayStart(value, 1));
      else params.set(name, value);
    }
    if (cursor) params.set('cursor', cursor);
    return params.toString();
  }

  async run(more) {
    if (!more) {
      this.next = null;
      replace(this.list);
    }
    const serial = (this.serial = (this.serial || 0) + 1);
    this.status.textContent = t('search.searching');
    this.more.hidden = true;
    let page;
    try {
      page = await this.api.search(this.request(more ? this.next : null));
    } catch (error) {
      if (serial !== this.serial) return;
      this.status.textContent = t('search.failed', { reason: refusal(error) });
      return;
    }
    if (serial !== this.serial) return;
    this.list.append(...page.results.map((hit) => this.item(hit)));
    this.next = page.next;
    this.more.hidden = !page.next;
    const caseFilter = ['team', 'agent', 'status', 'tag', 'rating', 'channel'].some((name) => this.fields[name].value);
    this.status.textContent = this.list.children.length ? (caseFilter ? t('search.contactsNote') : '') : t('search.none');
  }

  item(hit) {
    const label = hit.kind === 'ticket' ? t('search.hit.ticket', { number: hit.number }) : t(`search.hit.${hit.kind}`);
    const heading = [label, hit.title].filter(Boolean).join(' · ');
    let opener;
    if (hit.kind === 'message') {
      opener = h('button', { type: 'button', class: 'search-open link-button', text: heading, on: { click: () => this.openMessage(hit) } });
    } else if (hit.kind === 'ticket') {
      const entry = hit.entryId ? `/entry/${encodeURIComponent(hit.entryId)}` : '';
      opener = h('a', { class: 'search-open', href: `#/tickets/${encodeURIComponent(hit.ticketId)}${entry}`, text: heading });
    } else if (hit.kind === 'contact') {
      opener = h('a', { class: 'search-open', href: `#/contacts/${encodeURIComponent(hit.contactId)}`, text: heading });
    } else {
      opener = h('a', { class: 'search-open', href: `#/companies/${encodeURIComponent(hit.companyId)}`, text: heading });
    }
    return h('li', { class: `search-hit search-${hit.kind}`, dataset: { kind: hit.kind } },
      h('div', { class: 'search-hit-head' }, opener,
        h('time', { class: 'muted small', datetime: hit.at, title: fullTime(hit.at), text: shortTime(hit.at) })),
      h('p', { class: 'search-snippet' }, markedSnippet(hit.snippet, hit.highlights)));
  }

  async openMessage(hit) {
    let detail;
    try {
      detail = await this.api.conversation(hit.conversationId);
    } catch (error) {
      this.status.textContent = t('search.failed', { reason: refusal(error) });
      return;
    }
    const summary = { ...detail, conversationId: hit.conversationId };
    transcriptDialog(this.api, summary, detail.contact?.name || t('visitor'), hit.seq);
  }
}
