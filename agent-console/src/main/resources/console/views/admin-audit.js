// The admin page's audit log tab: the entries, oldest first, filtered by who, action, target and
// dates, a page at a time; the hash chain's verification; and a CSV export of what the filters
// select (the export is itself recorded).

import { h, replace, icon } from '../dom.js';
import { fullTime } from '../format.js';
import { t, language } from '../i18n.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';
import { showLoadError } from './admin-list.js';

const PAGE = 100;
const TARGETS = ['sites', 'users', 'user', 'teams', 'queues', 'agents', 'conversations', 'conversation',
  'canned-replies', 'me', 'password-links', 'password-link', 'audit', 'email', 'address',
  'tickets', 'sla-policies', 'mail-addresses', 'campaigns', 'visitors', 'api-keys', 'api-key',
  'webhooks', 'contacts', 'companies', 'imports', 'exports', 'jobs', 'retention', 'compliance-reports',
  'maintenance-windows', 'mail-ignored', 'ticket-ratings', 'attachments', 'availability', 'reports'];

/** What an entry is about, in the console's words where the kind is known. */
function targetName(type) {
  return TARGETS.includes(type) ? t(`audit.target.${type}`) : type;
}

export class AuditView {
  constructor(api) {
    this.api = api;
    this.entries = [];
    this.names = new Map();
    this.form = new FieldForm('audit', [
      { key: 'actor', label: t('audit.actor'), type: 'select', options: [] },
      { key: 'action', label: t('audit.action'), hint: t('audit.action.hint'), type: 'text', list: 'audit-actions' },
      { key: 'targetId', label: t('audit.targetId'), type: 'text' },
      { key: 'from', label: t('audit.from'), type: 'date' },
      { key: 'to', label: t('audit.to'), type: 'date' },
    ]);
    this.actions = h('datalist', { id: 'audit-actions' });
    this.rows = h('tbody');
    this.count = h('span', { class: 'muted small', id: 'audit-count', role: 'status' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.verdict = h('p', { class: 'audit-verdict', id: 'audit-verdict', role: 'status', hidden: true });
    this.more = h('button', { type: 'button', class: 'button', id: 'audit-more', hidden: true, on: { click: () => this.load(false) } }, h('span', { text: t('audit.more') }));
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('audit.title') }), h('span', { class: 'muted small', text: t('audit.subtitle') })),
      this.error,
      h('form', { class: 'card admin-form', id: 'audit-filters', 'aria-label': t('audit.filters'), novalidate: true, on: { submit: (e) => { e.preventDefault(); this.load(true); } } },
        h('div', { class: 'inline-fields' }, this.form.element), this.actions, this.form.formError,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', id: 'audit-verify', on: { click: () => this.verify() } }, icon('admin'), h('span', { text: t('audit.verify') })),
          h('button', { type: 'button', class: 'button', id: 'audit-export', on: { click: () => this.export() } }, icon('copy'), h('span', { text: t('audit.export') })),
          h('button', { type: 'submit', class: 'button primary', text: t('audit.apply') }))),
      this.verdict,
      h('section', { class: 'card', 'aria-labelledby': 'audit-table-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'audit-table-title', text: t('audit.label') }), this.count),
        h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'audit-table-title' }, h('table', { class: 'data-table', id: 'audit-table', 'aria-labelledby': 'audit-table-title' },
          h('thead', {}, h('tr', {}, ['audit.col.at', 'audit.col.actor', 'audit.col.action', 'audit.col.target', 'audit.col.address', 'audit.col.details']
            .map((key) => h('th', { scope: 'col', text: t(key) })))),
          this.rows)),
        h('div', { class: 'dialog-actions' }, this.more)));
  }

  async show() {
    try {
      const users = await this.api.adminUsers();
      this.names = new Map(users.map((u) => [u.id, u.name]));
      this.form.setOptions('actor', [['', t('audit.actor.any')], ...users.map((u) => [u.id, `${u.name} (${u.email})`])]);
    } catch (error) {
      showLoadError(this.error, error);
      return;
    }
    await this.load(true);
  }

  hide() {}

  /** The filters as a query string; null when a field is wrong. */
  query(after) {
    const values = this.form.values();
    if (!values) return null;
    const params = new URLSearchParams();
    if (values.actor) params.set('actor', values.actor);
    if (values.action) params.set('action', values.action);
    if (values.targetId) params.set('targetId', values.targetId);
    if (values.from) params.set('from', new Date(`${values.from}T00:00:00`).toISOString());
    if (values.to) params.set('to', new Date(new Date(`${values.to}T00:00:00`).getTime() + 86400000).toISOString());
    if (after) params.set('after', String(after));
    return params;
  }

  async load(fresh) {
    const last = fresh ? 0 : this.entries[this.entries.length - 1]?.id || 0;
    const params = this.query(last);
    if (!params) return;
    params.set('limit', String(PAGE));
    // Only the latest request may fill the table: an answer to older filters arriving late is dropped.
    const request = (this.request || 0) + 1;
    this.request = request;
    let page;
    try {
      page = await this.api.audit(params.toString());
    } catch (error) {
      if (request === this.request) this.form.showServerError(error);
      return;
    }
    if (request !== this.request) return;
    this.error.hidden = true;
    this.entries = fresh ? page : [...this.entries, ...page];
    replace(this.actions, [...new Set(this.entries.map((e) => e.action))].map((action) => h('option', { value: action })));
    replace(this.rows, this.entries.length ? this.entries.map((e) => this.row(e)) : h('tr', {}, h('td', { colspan: '6', class: 'muted', text: t('audit.none') })));
    this.count.textContent = t('audit.count', { n: this.entries.length });
    this.more.hidden = page.length < PAGE;
  }

  row(e) {
    const role = ['system', 'anonymous', 'api_key'].includes(e.actorRole) ? t(`audit.role.${e.actorRole}`)
      : ['agent', 'supervisor', 'admin'].includes(e.actorRole) ? t(`role.name.${e.actorRole}`) : e.actorRole;
    const who = e.actorId ? `${this.names.get(e.actorId) || e.actorId} (${role})` : role;
    const details = [e.before && t('audit.before', { state: e.before }), e.after].filter(Boolean).join(' → ');
    return h('tr', { dataset: { entry: String(e.id) } },
      h('td', {}, h('time', { datetime: e.at, text: fullTime(e.at) })),
      h('td', { class: 'wrap', text: who }),
      h('td', { class: 'wrap' }, h('code', { text: e.action })),
      h('td', { class: 'wrap', text: [targetName(e.targetType), e.targetId].filter(Boolean).join(' ') || '—' }),
      h('td', { text: e.address || '—' }),
      h('td', { class: 'wrap audit-details', text: details || '—' }));
  }

  async verify() {
    try {
      const result = await this.api.auditVerify();
      this.verdict.textContent = result.intact ? t('audit.intact', { n: result.entries })
        : t('audit.broken', { problems: result.problems.join('; ') });
      this.verdict.dataset.intact = String(result.intact);
      this.verdict.hidden = false;
    } catch (error) {
      showLoadError(this.error, error);
    }
  }

  async export() {
    const params = this.query(0);
    if (!params) return;
    try {
      const csv = await this.api.auditExport(params.toString());
      // Set directly: the DOM helper lets only http(s) links through, and this one is a blob.
      const link = h('a', { download: 'switchboard-audit.csv' });
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      toast(t('audit.exported'));
    } catch (error) {
      this.form.showServerError(error);
    }
  }
}
