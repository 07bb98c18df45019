// The reports' trends (per day, week or month: volumes as bars, response and resolution times
// and the satisfaction and SLA rates as lines) and the heatmap of chats by hour of week. Every
// chart comes with its data table and its CSV.

import { t } from '../i18n.js';
import { h, replace } from '../dom.js';
import { count, rate, seconds } from './reports-format.js';
import { ChartBox, seriesOption, heatmapOption } from './reports-charts.js';
import { dataTable, csvLink, chartFigure } from './reports-tables.js';

const VOLUME = ['chatsStarted', 'chatsAnswered', 'chatsMissed', 'ticketsCreated', 'ticketsSolved'];
const TIMES = ['firstResponseMedian', 'firstResponseP90', 'resolutionMedian', 'resolutionP90'];
const RATES = ['satisfiedRate', 'slaAttainment'];

function select(id, label, values, prefix, onChange) {
  const el = h('select', { id, on: { change: () => onChange(el.value) } },
    values.map((value) => h('option', { value, text: t(`${prefix}.${value}`) })));
  return { el, field: h('label', { class: 'report-field report-inline', htmlFor: id }, h('span', { text: label }), el) };
}

/** Disposes the charts in `list` and empties it. */
function disposeAll(list) {
  for (const chart of list.splice(0)) chart.dispose();
}

export class TrendsSection {
  constructor(api) {
    this.api = api;
    this.charts = [];
    this.interval = select('report-interval', t('reports.interval'), ['day', 'week', 'month'], 'reports.interval',
      () => this.reload());
    this.body = h('div', { class: 'report-figures' });
    this.element = h('div', { class: 'report-trends' }, h('div', { class: 'report-controls' }, this.interval.field), this.body);
  }

  reload() {
    if (this.params) this.load(this.params, this.fail).catch(this.fail);
  }

  async load(params, fail) {
    this.params = params;
    this.fail = fail;
    const query = new URLSearchParams(params);
    query.set('interval', this.interval.el.value);
    const trend = await this.api.report('trend', query.toString());
    disposeAll(this.charts);
    const buckets = trend.buckets || [];
    const starts = buckets.map((b) => b.start);
    const figure = (titleKey, keys, format, option) => {
      const title = t(titleKey);
      const chart = new ChartBox(title);
      this.charts.push(chart);
      chart.render(option);
      const columns = [{ key: 'start', label: t('reports.col.start') },
        ...keys.map((key) => ({ key, label: t(`reports.trend.${key}`), text: (row) => format(row[key]) }))];
      return chartFigure({ title, chart: chart.element, table: dataTable({ caption: title, columns, rows: buckets }),
        csv: csvLink(this.api, 'trend', query, title) });
    };
    const series = (keys, type, scale = (v) => v) => keys.map((key) => ({
      name: t(`reports.trend.${key}`), type, data: buckets.map((b) => (b[key] === null || b[key] === undefined ? null : scale(b[key]))),
    }));
    const minutes = (v) => Math.round(v / 6) / 10;
    replace(this.body,
      figure('reports.chart.volume', VOLUME, count, seriesOption(starts, series(VOLUME, 'bar'))),
      figure('reports.chart.times', TIMES, seconds, { ...seriesOption(starts, series(TIMES, 'line', minutes)), yAxis: { type: 'value', name: t('reports.minutes') } }),
      figure('reports.chart.rates', RATES, rate, seriesOption(starts, series(RATES, 'line', (v) => Math.round(v * 1000) / 10), (v) => `${v}%`)));
  }

  dispose() {
    disposeAll(this.charts);
  }
}

export class HeatmapSection {
  constructor(api) {
    this.api = api;
    this.charts = [];
    this.measure = select('report-measure', t('reports.measure'), ['started', 'answered', 'missed'], 'reports.measure',
      () => this.params && this.load(this.params, this.fail).catch(this.fail));
    this.body = h('div', { class: 'report-figures' });
    this.element = h('div', { class: 'report-heatmap' }, h('div', { class: 'report-controls' }, this.measure.field), this.body);
  }

  async load(params, fail) {
    this.params = params;
    this.fail = fail;
    const query = new URLSearchParams(params);
    query.set('measure', this.measure.el.value);
    const heatmap = await this.api.report('heatmap', query.toString());
    disposeAll(this.charts);
    const cells = heatmap.cells || [];
    const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => t(`reports.weekday.${d}`));
    const measure = t(`reports.measure.${this.measure.el.value}`);
    const title = t('reports.chart.heatmap', { measure });
    const chart = new ChartBox(title, 'report-chart-tall');
    this.charts.push(chart);
    chart.render(heatmapOption(cells, weekdays, measure));
    // The table: one row per weekday, one column per hour.
    const rows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
      const row = { weekday: weekdays[weekday - 1] };
      for (const cell of cells) if (cell.weekday === weekday) row[`h${cell.hour}`] = cell.count;
      return row;
    });
    const columns = [{ key: 'weekday', label: t('reports.col.weekday') },
      ...Array.from({ length: 24 }, (_, hour) => ({ key: `h${hour}`, label: String(hour), text: (row) => count(row[`h${hour}`] ?? 0) }))];
    replace(this.body, chartFigure({ title, chart: chart.element, table: dataTable({ caption: title, columns, rows, className: 'report-heat-table' }),
      csv: csvLink(this.api, 'heatmap', query, title) }));
  }

  dispose() {
    disposeAll(this.charts);
  }
}
