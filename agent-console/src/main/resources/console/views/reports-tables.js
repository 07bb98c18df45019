// The reports' tables and downloads: a data table (optionally sortable by any column, scrolling
// sideways inside its own keyboard-reachable box on a narrow screen), the "Download CSV" link of
// an endpoint, and a chart's box with its data table behind a toggle button.

import { t, language } from '../i18n.js';
import { h, replace } from '../dom.js';

let tableSerial = 0;

/**
 * A table of `rows`; `columns` are { key, label, text(row), value(row) }. With `sortable`, each
 * header is a button that sorts by its column (again: the other way round), shown by aria-sort.
 */
export function dataTable({ caption, columns, rows, sortable = false, className = '' }) {
  const state = { key: null, descending: false };
  const body = h('tbody');
  const heads = columns.map((column) => {
    const th = h('th', { scope: 'col', dataset: { key: column.key } });
    if (sortable) {
      th.append(h('button', {
        type: 'button', class: 'report-sort', text: column.label, title: t('reports.sortBy', { name: column.label }),
        on: { click: () => sortBy(column) },
      }));
    } else th.textContent = column.label;
    return th;
  });
  const valueOf = (column, row) => (column.value ? column.value(row) : row[column.key]);
  function fill() {
    let shown = rows;
    if (state.key) {
      const column = columns.find((c) => c.key === state.key);
      const collator = new Intl.Collator(language(), { numeric: true });
      shown = [...rows].sort((a, b) => {
        const x = valueOf(column, a);
        const y = valueOf(column, b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
        return state.descending ? -order : order;
      });
    }
    replace(body, shown.map((row) => h('tr', {}, columns.map((column, i) => {
      const text = column.text ? column.text(row) : String(valueOf(column, row) ?? '');
      return i === 0 ? h('th', { scope: 'row', text }) : h('td', { text });
    }))));
  }
  function sortBy(column) {
    state.descending = state.key === column.key ? !state.descending : typeof valueOf(column, rows[0] || {}) === 'number';
    state.key = column.key;
    for (const th of heads) {
      if (th.dataset.key === column.key) th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    fill();
  }
  fill();
  const id = `report-table-${++tableSerial}`;
  const table = h('table', { class: `report-table ${className}`.trim(), id },
    h('caption', { text: caption }), h('thead', {}, h('tr', {}, heads)), body);
  // The box scrolls sideways on a narrow screen, so it takes focus for the arrow keys.
  return h('div', { class: 'report-table-wrap', tabIndex: 0, role: 'region', 'aria-label': caption }, table);
}

/**
 * The "Download CSV" link of a report view: the address is the endpoint's CSV (format=csv and
 * the console's language); a click fetches it with the signed-in token and saves the file.
 */
export function csvLink(api, view, params, name, text = t('reports.csv')) {
  const query = new URLSearchParams(params);
  query.set('format', 'csv');
  query.set('lang', language());
  const file = `${view}-${query.get('from') || 'today'}-${query.get('to') || 'today'}.csv`;
  const link = h('a', {
    class: 'report-csv', download: file, text, 'aria-label': t('reports.csvOf', { name }),
    dataset: { view },
    on: { click: (e) => { e.preventDefault(); save(api, view, query, file); } },
  });
  // Set directly: the DOM helper lets only http(s) links through, and this one is relative.
  link.href = `/v1/reports/${view}?${query}`;
  return link;
}

async function save(api, view, query, file) {
  const blob = await api.reportCsv(view, query.toString());
  const link = h('a', { download: file });
  link.href = URL.createObjectURL(blob);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** A chart's figure: the title, a toggle for its data table, the CSV link, the chart, the table. */
export function chartFigure({ title, chart, table, csv }) {
  const tableBox = h('div', { class: 'report-figure-table', hidden: true }, table);
  tableBox.id = `${table.querySelector('table').id}-box`;
  const toggle = h('button', {
    type: 'button', class: 'button ghost report-toggle', 'aria-expanded': 'false', 'aria-controls': tableBox.id,
    text: t('reports.showTable'),
    on: {
      click: () => {
        tableBox.hidden = !tableBox.hidden;
        toggle.setAttribute('aria-expanded', String(!tableBox.hidden));
        toggle.textContent = t(tableBox.hidden ? 'reports.showTable' : 'reports.hideTable');
      },
    },
  });
  return h('figure', { class: 'report-figure' },
    h('figcaption', { class: 'report-figure-head' }, h('h3', { text: title }),
      h('div', { class: 'report-figure-actions' }, toggle, csv)),
    chart, tableBox);
}
