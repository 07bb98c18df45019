// The reports' satisfaction (the summary, ratings by score as a chart with its table, and the
// comments newest first, paged by the server's cursor) and SLA attainment per clock and priority
// (a chart and its table). Each with its CSV.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { shortTime, fullTime } from '../format.js';
import { count, rate, decimal } from './reports-format.js';
import { ChartBox, seriesOption } from './reports-charts.js';
import { dataTable, csvLink, chartFigure } from './reports-tables.js';

const PAGE = 20;

export class CsatSection {
  constructor(api) {
    this.api = api;
    this.chart = null;
    this.summary = h('ul', { class: 'report-cards' });
    this.figure = h('div');
    this.comments = h('ol', { class: 'report-comments', 'aria-labelledby': 'report-comments-title' });
    this.status = h('p', { class: 'muted', role: 'status' });
    this.more = h('button', { type: 'button', class: 'button', hidden: true, text: t('reports.comments.more'), on: { click: () => this.page(this.next).catch(this.fail) } });
    this.csv = h('span');
    this.element = h('div', { class: 'report-csat' },
      h('div', { class: 'report-section-head' }, h('h2', { text: t('reports.section.csat') }), this.csv),
      this.summary, this.figure,
      h('h3', { id: 'report-comments-title', text: t('reports.comments') }), this.comments, this.status, this.more);
  }

  async load(params, fail) {
    this.params = params;
    this.fail = fail;
    replace(this.comments);
    const csat = await this.page(null);
    const summary = csat.summary || {};
    replace(this.csv, csvLink(this.api, 'csat', params, t('reports.section.csat')));
    replace(this.summary, [['ratings', count], ['responseRate', rate], ['satisfiedRate', rate], ['average', decimal]].map(([name, format]) =>
      h('li', { class: 'report-card', dataset: { metric: `csat.${name}` } },
        h('span', { class: 'report-card-label', text: t(`reports.fig.${name}`) }),
        h('strong', { class: 'report-card-value', text: format(summary[name]) }))));
    this.chart?.dispose();
    const title = t('reports.chart.scores');
    this.chart = new ChartBox(title);
    const scores = [1, 2, 3, 4, 5];
    const byScore = summary.byScore || [0, 0, 0, 0, 0];
    this.chart.render(seriesOption(scores.map((n) => t('reports.stars', { n })), [{ name: t('reports.col.ratings'), type: 'bar', data: byScore }]));
    const rows = scores.map((n) => ({ score: t('reports.stars', { n }), ratings: byScore[n - 1] ?? 0 }));
    const columns = [{ key: 'score', label: t('reports.col.score') }, { key: 'ratings', label: t('reports.col.ratings'), text: (row) => count(row.ratings) }];
    replace(this.figure, chartFigure({ title, chart: this.chart.element, table: dataTable({ caption: title, columns, rows }),
      csv: csvLink(this.api, 'csat', params, title) }));
  }

  /** One page of comments after `cursor`; answers the server's reply. */
  async page(cursor) {
    const query = new URLSearchParams(this.params);
    query.set('limit', String(PAGE));
    if (cursor) query.set('cursor', cursor);
    const csat = await this.api.report('csat', query.toString());
    this.comments.append(...(csat.comments || []).map((c) => h('li', { class: 'report-comment', dataset: { score: String(c.score) } },
      h('div', { class: 'report-comment-head' },
        h('span', { class: 'report-stars', text: t('reports.stars', { n: c.score }) }),
        c.ticketId ? h('a', { href: `#/tickets/${encodeURIComponent(c.ticketId)}`, text: t('reports.comment.ticket', { number: c.ticketNumber }) })
          : h('span', { text: t('reports.comment.chat') }),
        c.agentName ? h('span', { class: 'muted', text: c.agentName }) : null,
        h('time', { class: 'muted small', datetime: c.at, title: fullTime(c.at), text: shortTime(c.at) })),
      h('p', { class: 'report-comment-text', text: c.comment }))));
    this.next = csat.nextCursor || null;
    this.more.hidden = !this.next;
    this.status.textContent = this.comments.children.length ? '' : t('reports.comments.none');
    return csat;
  }

  dispose() {
    this.chart?.dispose();
  }
}

export class SlaSection {
  constructor(api) {
    this.api = api;
    this.chart = null;
    this.element = h('div', { class: 'report-sla' });
  }

  async load(params) {
    const sla = await this.api.report('sla', params.toString());
    const rows = (sla.rows || []).map((row) => ({
      ...row, targetName: t(`reports.target.${row.target}`), clockName: t(`metric.${row.clock}`), priorityName: row.priority ? t(`priority.${row.priority}`) : t('reports.any'),
    }));
    const title = t('reports.chart.sla');
    this.chart?.dispose();
    this.chart = new ChartBox(title);
    const labels = rows.map((row) => `${row.clockName} · ${row.priorityName}`);
    this.chart.render(seriesOption(labels, [{ name: t('reports.col.attainment'), type: 'bar', data: rows.map((r) => (r.attainment === null ? null : Math.round(r.attainment * 1000) / 10)) }], (v) => `${v}%`));
    const columns = [
      { key: 'targetName', label: t('reports.col.target') }, { key: 'clockName', label: t('reports.col.clock') },
      { key: 'priorityName', label: t('reports.col.priority') },
      { key: 'measured', label: t('reports.col.measured'), text: (r) => count(r.measured) },
      { key: 'met', label: t('reports.col.met'), text: (r) => count(r.met) },
      { key: 'breached', label: t('reports.col.breached'), text: (r) => count(r.breached) },
      { key: 'attainment', label: t('reports.col.attainment'), text: (r) => rate(r.attainment) },
    ];
    replace(this.element, h('div', { class: 'report-section-head' }, h('h2', { text: t('reports.section.sla') })),
      chartFigure({ title, chart: this.chart.element, table: dataTable({ caption: title, columns, rows, sortable: true }),
        csv: csvLink(this.api, 'sla', params, title) }));
  }

  dispose() {
    this.chart?.dispose();
  }
}
