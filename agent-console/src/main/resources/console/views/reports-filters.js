// The reports' filter bar: the date range with quick picks (today, 7 days, this month, last
// month, this year) in the browser's time zone, and the site, team, queue, agent, channel, type,
// priority and tag filters. query() gives the parameters every /v1/reports view takes.

import { t } from '../i18n.js';
import { h } from '../dom.js';

const CHANNELS = ['chat', 'web_form', 'email', 'phone', 'api'];
const TYPES = ['question', 'incident', 'complaint', 'request'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const QUICK = ['today', 'week', 'month', 'lastMonth', 'year'];

/** A local date as YYYY-MM-DD. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first and last day of a quick pick, as local dates. */
export function quickRange(pick, now = new Date()) {
  const y = now.getFullYear();
  const m = now.getMonth();
  const today = new Date(y, m, now.getDate());
  switch (pick) {
    case 'week': return [new Date(y, m, now.getDate() - 6), today];
    case 'month': return [new Date(y, m, 1), today];
    case 'lastMonth': return [new Date(y, m - 1, 1), new Date(y, m, 0)];
    case 'year': return [new Date(y, 0, 1), today];
    default: return [today, today];
  }
}

/** The browser's IANA time zone, the one the reports count days in. */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function choice(id, label, options) {
  const select = h('select', { id, name: id }, h('option', { value: '', text: t('reports.any') }),
    options.map(([value, text]) => h('option', { value, text })));
  return { select, field: h('label', { class: 'report-field', htmlFor: id }, h('span', { text: label }), select) };
}

export class ReportFilters {
  /** `mine`: an agent's own figures, without the site, team and agent filters. */
  constructor(api, { mine, onApply }) {
    this.api = api;
    this.onApply = onApply;
    this.from = h('input', { type: 'date', id: 'report-from', name: 'from', required: true });
    this.to = h('input', { type: 'date', id: 'report-to', name: 'to', required: true });
    this.choices = {
      site: choice('report-site', t('reports.site'), []),
      team: choice('report-team', t('reports.team'), []),
      queue: choice('report-queue', t('reports.queue'), []),
      agent: choice('report-agent', t('reports.agent'), []),
      channel: choice('report-channel', t('reports.channel'), CHANNELS.map((c) => [c, t(`channel.${c}`)])),
      type: choice('report-type', t('reports.type'), TYPES.map((c) => [c, t(`type.${c}`)])),
      priority: choice('report-priority', t('reports.priority'), PRIORITIES.map((c) => [c, t(`priority.${c}`)])),
    };
    if (mine) for (const name of ['site', 'team', 'agent']) delete this.choices[name];
    this.tag = h('input', { type: 'text', id: 'report-tag', name: 'tag', maxLength: 32, autocomplete: 'off' });
    this.error = h('p', { class: 'form-error', role: 'alert' });
    const quick = h('div', { class: 'report-quick', role: 'group', 'aria-label': t('reports.range') },
      QUICK.map((pick) => h('button', {
        type: 'button', class: 'button ghost', dataset: { pick }, text: t(`reports.quick.${pick}`),
        on: { click: () => { this.pick(pick); this.apply(); } },
      })));
    this.element = h('form', {
      class: 'report-filters', 'aria-label': t('reports.filters'),
      on: { submit: (e) => { e.preventDefault(); this.apply(); } },
    },
    h('div', { class: 'report-dates' },
      h('label', { class: 'report-field', htmlFor: 'report-from' }, h('span', { text: t('reports.from') }), this.from),
      h('label', { class: 'report-field', htmlFor: 'report-to' }, h('span', { text: t('reports.to') }), this.to),
      quick),
    // The other filters fold away on a phone, open on a wider screen.
    h('details', { class: 'report-more', open: window.matchMedia('(min-width: 641px)').matches },
      h('summary', { text: t('reports.filters') }),
      h('div', { class: 'report-choices' }, Object.values(this.choices).map((c) => c.field),
        h('label', { class: 'report-field', htmlFor: 'report-tag' }, h('span', { text: t('reports.tag') }), this.tag))),
    h('div', { class: 'report-submit' },
      h('button', { type: 'submit', class: 'button primary', text: t('reports.apply') }),
      h('p', { class: 'muted small report-zone', text: t('reports.timeZone', { zone: browserZone() }) })),
    this.error);
    this.pick('week');
    this.loaded = false;
  }

  pick(name) {
    const [from, to] = quickRange(name);
    this.from.value = isoDate(from);
    this.to.value = isoDate(to);
  }

  /** Fills the site, team, queue and agent lists once; a list the caller may not read is hidden. */
  loadChoices() {
    if (this.loaded) return;
    this.loaded = true;
    const fill = (name, load, toOption) => {
      if (!this.choices[name]) return;
      load().then((items) => this.choices[name].select.append(...(items || []).map((item) => {
        const [value, text] = toOption(item);
        return h('option', { value, text });
      })), () => { this.choices[name].field.hidden = true; });
    };
    fill('site', () => this.api.adminSites(), (s) => [s.id, s.name || s.id]);
    fill('team', () => this.api.teams(), (team) => [team.id, team.name]);
    fill('queue', () => this.api.queues(), (q) => [q.id, q.name || q.id]);
    fill('agent', () => this.api.agents(), (a) => [a.id, a.name]);
  }

  /** The query of the current filters (from, to, tz and the chosen filters), or null if invalid. */
  query() {
    if (!this.from.value || !this.to.value || this.to.value < this.from.value) {
      this.error.textContent = t('reports.badRange');
      return null;
    }
    this.error.textContent = '';
    const params = new URLSearchParams({ from: this.from.value, to: this.to.value, tz: browserZone() });
    for (const [name, { select }] of Object.entries(this.choices)) if (select.value) params.set(name, select.value);
    for (const tag of this.tag.value.split(',').map((s) => s.trim()).filter(Boolean)) params.append('tag', tag);
    return params;
  }

  apply() {
    const params = this.query();
    if (params) this.onApply(params);
  }
}
