// What the admin tabs share: a page with a heading, a card listing the records (with a "new"
// button) beside the chosen record's editor, the row's edit button, the empty row, the load error
// line, saving or deleting the record in the editor, and a long list's search and pages (queues,
// agents, users and teams).

import { h, icon, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { Pager } from './pager.js';

/** Rows a page in the long admin lists (queues, agents, users and teams). */
export const LIST_ROWS = 25;

/**
 * The page of one kind of record (`kind` is 'site', 'user' or 'team': it names the element ids
 * admin-sites-title, admin-new-site and admin-site-table). `strings` is the key prefix ('sites').
 */
export function listPage({ kind, strings, columns, editor, onNew, rows = h('tbody'), paged }) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const element = h('div', { class: 'admin-page', lang: language() },
    h('div', { class: 'page-head' }, h('h1', { text: t(`${strings}.title`) }), h('span', { class: 'muted small', text: t(`${strings}.subtitle`) })),
    error,
    h('div', { class: 'admin-grid' },
      h('section', { class: 'card', 'aria-labelledby': `admin-${kind}s-title` },
        h('div', { class: 'card-head' }, h('h2', { id: `admin-${kind}s-title`, text: t(`${strings}.title`) }),
          h('button', { type: 'button', class: 'button', id: `admin-new-${kind}`, on: { click: onNew } },
            h('span', { 'aria-hidden': 'true', text: '+' }), h('span', { text: t(`${strings}.new`) }))),
        paged?.findField,
        h('table', { class: 'data-table', id: `admin-${kind}-table`, 'aria-label': t(`${strings}.label`) },
          h('thead', {}, h('tr', {}, columns.map((key) => h('th', { scope: 'col', text: t(key) })),
            h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t(`${strings}.edit`, { name: '' }) })))),
          rows), paged?.pager.element),
      editor));
  return { element, rows, error };
}

/**
 * A long list's find box and pager: `draw(records)` answers the rows of one page, `matches(record,
 * words)` says whether a record fits what was typed (lower case). The list shows LIST_ROWS
 * records a page; `show(records, id)` turns to the page of record `id` (the one in the editor),
 * and empties the search when it hides that record (one just created, say).
 */
export class PagedRows {
  constructor({ kind, strings, rows, columns, draw, matches }) {
    Object.assign(this, { kind, strings, rows, columns, draw, matches, records: [], offset: 0 });
    this.find = h('input', { type: 'search', id: `admin-${kind}-find`, autocomplete: 'off',
      on: { input: () => { this.offset = 0; this.render(); } } });
    this.findField = h('div', { class: 'field agent-find' }, h('label', { htmlFor: this.find.id, text: t(`${strings}.find`) }), this.find);
    this.pager = new Pager(`admin-${kind}s`, t(`${strings}.pages`), LIST_ROWS, (offset) => { this.offset = offset; this.render(); });
  }

  found() {
    const words = this.find.value.trim().toLowerCase();
    return words ? this.records.filter((record) => this.matches(record, words)) : this.records;
  }

  /** New records from the server; the page of record `id` when the search shows it. */
  show(records, id) {
    this.records = records;
    if (!this.found().some((record) => record.id === id) && records.some((record) => record.id === id)) this.find.value = '';
    const at = this.found().findIndex((record) => record.id === id);
    if (at >= 0) this.offset = Math.floor(at / LIST_ROWS) * LIST_ROWS;
    this.render();
  }

  render() {
    const found = this.found();
    if (this.offset >= found.length) this.offset = Math.max(0, Math.floor((found.length - 1) / LIST_ROWS) * LIST_ROWS);
    const shown = found.slice(this.offset, this.offset + LIST_ROWS);
    replace(this.rows, shown.length ? this.draw(shown)
      : emptyRow(this.columns, t(this.records.length ? `${this.strings}.noMatch` : `${this.strings}.empty`)));
    this.pager.update(this.offset, shown.length, found.length);
  }
}

/** The last cell of a row: a button that opens the record in the editor (`controls`). */
export function editCell(label, controls, onClick) {
  return h('td', { class: 'row-actions' }, h('button', {
    type: 'button', class: 'icon-button', 'aria-label': label, title: label, 'aria-controls': controls, on: { click: onClick },
  }, icon('settings')));
}

/** The one row of an empty table. */
export function emptyRow(columns, text) {
  return h('tr', {}, h('td', { colspan: String(columns), class: 'muted', text }));
}

/** Shows why the records could not be loaded; false so callers can `return showLoadError(...)`. */
export function showLoadError(line, error) {
  line.textContent = error.status === 403 ? t('error.forbidden') : t('error.load', { message: error.message });
  line.hidden = false;
  return false;
}

/** Marks the row whose data-`key` is `id` as the one in the editor. */
export function markSelected(rows, key, id) {
  for (const row of rows.querySelectorAll(`tr[data-${key}]`)) row.classList.toggle('selected', row.dataset[key] === id);
}

/**
 * What the admin has typed and ticked in `editor`, as a function that puts it back after the
 * editor is redrawn. A list that finishes loading after the admin chose New (or a record) redraws
 * the editor with the fresh choices; this keeps the admin's input. Boxes added by the redraw keep
 * their defaults. A field put back gets a change event, in the editor's order, so what hangs on
 * it follows (a ticked box shows its fields again, a site brings its queues before the queue is
 * put back).
 */
export function keepInput(editor) {
  const fields = () => editor.querySelectorAll('input, select, textarea');
  const key = (el) => (el.type === 'checkbox' && el.name ? `${el.name}=${el.value}` : el.id);
  const saved = new Map([...fields()].filter(key).map((el) => [key(el), el.type === 'checkbox' ? el.checked : el.value]));
  return () => {
    for (const el of fields()) {
      if (!saved.has(key(el))) continue;
      if (el.tagName === 'SELECT' && ![...el.options].some((option) => option.value === saved.get(key(el)))) continue;
      const value = saved.get(key(el));
      if (el.type === 'checkbox' ? el.checked === value : el.value === value) continue;
      if (el.type === 'checkbox') el.checked = value;
      else el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };
}

/**
 * Saves the editor's record: `call()` creates or updates it and answers the saved record; then a
 * toast (`strings`.created or .saved, with the record's `name(saved)`) and `reload(saved)`. A
 * refusal goes to `form` (a FieldForm), beside the field it names.
 */
export async function saveRecord({ isNew, strings, call, name, reload, form }) {
  try {
    const saved = await call();
    toast(t(isNew ? `${strings}.created` : `${strings}.saved`, { name: name(saved) }));
    await reload(saved);
  } catch (error) {
    form.showServerError(error);
  }
}

/** Deletes `label`'s record once the admin confirms (`strings`.confirmDelete), then `reload()`. */
export async function deleteRecord({ label, strings, call, reload, form }) {
  if (!window.confirm(t(`${strings}.confirmDelete`, { name: label }))) return;
  try {
    await call();
    toast(t(`${strings}.deleted`, { name: label }));
    await reload();
  } catch (error) {
    form.showServerError(error);
  }
}
