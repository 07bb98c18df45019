// The reports' overview: today so far (live queue figures and today's headline figures, from
// /v1/reports/today, refreshed every 30 seconds while shown) and the selected dates' headline
// figures for chats, tickets and satisfaction, with the median and 90th percentile beside each
// average.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { fullTime } from '../format.js';
import { count, rate, decimal, seconds } from './reports-format.js';
import { csvLink } from './reports-tables.js';

const REFRESH_MS = 30_000;
const LIVE = [['queued', count], ['longestWaitSeconds', seconds], ['chatsActive', count], ['agentsOnline', count], ['agentsAway', count]];
const CHATS = ['started:count', 'answered:count', 'missed:count', 'abandonRate:rate', 'queueWait:dist', 'abandonedWait:dist',
  'firstResponse:dist', 'nextResponse:dist', 'handle:dist', 'resolution:dist', 'transfers:count', 'resolved:count',
  'resolutionRate:rate', 'firstContactResolutionRate:rate', 'reopenRate:rate'];
const TICKETS = ['created:count', 'solved:count', 'resolutionRate:rate', 'firstResponse:dist', 'nextResponse:dist',
  'resolution:dist', 'reopened:count', 'reopenRate:rate', 'firstContactResolutionRate:rate', 'complaintsOpened:count',
  'complaintsHandled:count'];
const CSAT = ['ratings:count', 'responseRate:rate', 'satisfiedRate:rate', 'average:score'];
const TODAY = { chats: ['started:count', 'answered:count', 'missed:count', 'firstResponse:dist'], tickets: ['created:count', 'solved:count'] };

/** One headline figure: its name, its value, and for a distribution the median, p90 and count. */
function card(group, name, kind, figures) {
  const value = figures?.[name];
  const label = t(`reports.fig.${name}`);
  if (kind === 'dist') {
    const dist = value || {};
    return h('li', { class: 'report-card', dataset: { metric: `${group}.${name}` } },
      h('span', { class: 'report-card-label', text: label }),
      h('strong', { class: 'report-card-value', text: seconds(dist.average) }),
      h('span', { class: 'report-card-note', text: t('reports.average') }),
      h('span', { class: 'report-card-dist', text: t('reports.distribution', { median: seconds(dist.median), p90: seconds(dist.p90), count: count(dist.count ?? 0) }) }));
  }
  const text = { count, rate, score: decimal }[kind](value);
  return h('li', { class: 'report-card', dataset: { metric: `${group}.${name}` } },
    h('span', { class: 'report-card-label', text: label }), h('strong', { class: 'report-card-value', text }));
}

function group(id, title, key, specs, overview) {
  return h('section', { class: 'report-group', 'aria-labelledby': id },
    h('h3', { id, text: title }),
    h('ul', { class: 'report-cards' }, specs.map((spec) => {
      const [name, kind] = spec.split(':');
      return card(key, name, kind, overview?.[key]);
    })));
}

export class OverviewSection {
  constructor(api) {
    this.api = api;
    this.todayBody = h('div', { class: 'report-today-body', 'aria-live': 'off' });
    this.asOf = h('p', { class: 'muted small report-asof' });
    this.todayCsv = h('span');
    this.rangeBody = h('div', { class: 'report-range-body' });
    this.rangeCsv = h('span');
    this.element = h('div', { class: 'report-overview' },
      h('section', { class: 'report-today', 'aria-labelledby': 'report-today-title' },
        h('div', { class: 'report-section-head' }, h('h2', { id: 'report-today-title', text: t('reports.today') }), this.todayCsv),
        this.asOf, this.todayBody),
      h('section', { class: 'report-range', 'aria-labelledby': 'report-range-title' },
        h('div', { class: 'report-section-head' }, h('h2', { id: 'report-range-title', text: t('reports.rangeFigures') }), this.rangeCsv),
        this.rangeBody));
    this.timer = null;
  }

  async load(params, fail) {
    this.params = params;
    this.startRefresh(fail);
    const overview = await this.api.report('overview', params.toString());
    replace(this.rangeCsv, csvLink(this.api, 'overview', params, t('reports.rangeFigures')));
    replace(this.rangeBody,
      group('report-range-chats', t('reports.chats'), 'chats', CHATS, overview),
      group('report-range-tickets', t('reports.tickets'), 'tickets', TICKETS, overview),
      group('report-range-csat', t('reports.csat'), 'csat', CSAT, overview));
  }

  /** Today's figures now and every 30 seconds while the overview is shown (same filters, no dates). */
  startRefresh(fail) {
    this.stop();
    const run = () => this.loadToday().catch(fail);
    run();
    this.timer = setInterval(run, REFRESH_MS);
  }

  async loadToday() {
    const params = new URLSearchParams(this.params);
    params.delete('from');
    params.delete('to');
    const today = await this.api.report('today', params.toString());
    const live = today.live || {};
    replace(this.todayCsv, csvLink(this.api, 'today', params, t('reports.today')));
    this.asOf.textContent = t('reports.todayAsOf', { time: fullTime(today.asOf) });
    replace(this.todayBody,
      h('ul', { class: 'report-cards report-live' }, LIVE.map(([name, format]) =>
        h('li', { class: 'report-card', dataset: { metric: `live.${name}` } },
          h('span', { class: 'report-card-label', text: t(`reports.live.${name}`) }),
          h('strong', { class: 'report-card-value', text: format(live[name]) })))),
      group('report-today-chats', t('reports.chats'), 'chats', TODAY.chats, today.overview),
      group('report-today-tickets', t('reports.tickets'), 'tickets', TODAY.tickets, today.overview));
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  dispose() {
    this.stop();
  }
}
