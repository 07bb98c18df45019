// The reports' charts, drawn by Apache ECharts (served from its WebJar, loaded on first use):
// a chart box that follows its width (a phone's 360 px too), and the option builders for line
// and bar charts over categories, the hour-of-week heatmap and a single bar series.

import { h } from '../dom.js';

export const CHARTS_MODULE = '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

let loading = null;

/** The ECharts module, loaded once. */
export function loadCharts() {
  loading = loading || import(CHARTS_MODULE);
  return loading;
}

/**
 * One chart in a box described by `label` for screen readers (the numbers are in the data
 * table beside it). Resizes with its box; dispose() frees it.
 */
export class ChartBox {
  constructor(label, className = '') {
    this.element = h('div', { class: `report-chart ${className}`.trim(), role: 'img', 'aria-label': label });
    this.chart = null;
    this.observer = new ResizeObserver(() => this.chart?.resize());
    this.observer.observe(this.element);
  }

  async render(option) {
    const echarts = await loadCharts();
    if (this.disposed) return;
    if (!this.chart) this.chart = echarts.init(this.element, null, { renderer: 'canvas' });
    // Tooltips as rich text: the console's Content-Security-Policy allows no inline styles.
    this.chart.setOption({ animation: false, tooltip: { renderMode: 'richText' }, ...option }, true);
  }

  dispose() {
    this.disposed = true;
    this.observer.disconnect();
    this.chart?.dispose();
  }
}

const grid = { left: 8, right: 8, top: 36, bottom: 8, containLabel: true };
const legend = { type: 'scroll', top: 0 };

/** Lines or bars (`type` per series) over `categories`; values as given, axis labels by `axis`. */
export function seriesOption(categories, series, axis = (v) => v) {
  return {
    grid, legend,
    tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: axis },
    xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: axis } },
    series: series.map((s) => ({ connectNulls: false, ...s })),
  };
}

/** The hour-of-week heatmap: `cells` are { weekday 1-7, hour 0-23, count }. */
export function heatmapOption(cells, weekdays, measure) {
  const max = Math.max(1, ...cells.map((c) => c.count));
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 48, containLabel: true },
    tooltip: { position: 'top', renderMode: 'richText' },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, i) => String(i)), splitArea: { show: true } },
    yAxis: { type: 'category', data: weekdays, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120 },
    series: [{ name: measure, type: 'heatmap', data: cells.map((c) => [c.hour, c.weekday - 1, c.count]) }],
  };
}
