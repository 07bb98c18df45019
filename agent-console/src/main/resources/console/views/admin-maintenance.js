// The admin page's maintenance tab: the declared maintenance windows (newest first, each with a
// delete button) and a form that declares a new one. Times are entered and shown in the
// browser's time zone and sent as instants; the server checks that the end is after the start
// and that a reason is given, and records every change in the audit log.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { fullTime } from '../format.js';
import { emptyRow, showLoadError } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';

export class MaintenanceView {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.form = new FieldForm('maintenance', [
      { key: 'start', label: t('maintenance.start'), type: 'datetime-local', required: true },
      { key: 'end', label: t('maintenance.end'), type: 'datetime-local', required: true },
      { key: 'reason', label: t('maintenance.reason'), hint: t('maintenance.reason.hint'), type: 'textarea', required: true, max: 500 },
    ]);
    const editor = h('form', { class: 'card admin-form', id: 'maintenance-form', 'aria-labelledby': 'maintenance-form-title', novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.declare(); } } },
      h('h2', { id: 'maintenance-form-title', text: t('maintenance.form.title') }),
      this.form.element, this.form.formError,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', id: 'maintenance-declare', text: t('maintenance.declare') })));
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('maintenance.title') }), h('span', { class: 'muted small', text: t('maintenance.subtitle') })),
      this.error,
      h('div', { class: 'admin-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'admin-maintenance-title' },
          h('div', { class: 'card-head' }, h('h2', { id: 'admin-maintenance-title', text: t('maintenance.title') })),
          h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'admin-maintenance-title' },
            h('table', { class: 'data-table', id: 'admin-maintenance-table', 'aria-label': t('maintenance.label') },
              h('thead', {}, h('tr', {}, ['reason', 'start', 'end', 'by'].map((key) => h('th', { scope: 'col', text: t(`maintenance.col.${key}`) })),
                h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('maintenance.delete', { start: '' }) })))),
              this.rows))),
        editor));
  }

  show() {
    this.load();
  }

  hide() {}

  async load() {
    let reply;
    let staff;
    try {
      [reply, staff] = await Promise.all([this.api.maintenanceWindows(), this.api.agents().catch(() => [])]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    const windows = reply.windows || [];
    const names = new Map((staff || []).map((user) => [user.id, user.name]));
    replace(this.rows, windows.length ? windows.map((window) => {
      const start = fullTime(window.start);
      const label = t('maintenance.delete', { start });
      return h('tr', { dataset: { window: String(window.id) } },
        h('th', { scope: 'row', class: 'wrap maintenance-reason', dataset: { field: 'reason' }, text: window.reason }),
        h('td', { dataset: { field: 'start' }, text: start }),
        h('td', { dataset: { field: 'end' }, text: fullTime(window.end) }),
        h('td', { class: 'muted small', dataset: { field: 'by' }, text: names.get(window.createdBy) || window.createdBy }),
        h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'icon-button danger', 'aria-label': label, title: label,
          on: { click: () => this.remove(window, start) } }, icon('trash'))));
    }) : emptyRow(5, t('maintenance.empty')));
    return true;
  }

  async declare() {
    const values = this.form.values();
    if (!values) return;
    const start = new Date(values.start);
    const end = new Date(values.end);
    if (!(end > start)) {
      this.form.fail('end', t('maintenance.endBeforeStart'));
      return;
    }
    try {
      await this.api.declareMaintenance({ start: start.toISOString(), end: end.toISOString(), reason: values.reason });
    } catch (error) {
      this.form.showServerError(error);
      return;
    }
    toast(t('maintenance.created'));
    this.form.set({});
    await this.load();
  }

  async remove(window, start) {
    if (!globalThis.confirm(t('maintenance.confirmDelete', { start }))) return;
    try {
      await this.api.deleteMaintenance(window.id);
      toast(t('maintenance.deleted'));
    } catch (error) {
      this.error.textContent = error.message;
      this.error.hidden = false;
    }
    await this.load();
  }
}
