// The admin page's compliance reports tab: generate the monthly report for a month (an ended one,
// or the current one so far) and a scope (the whole installation or one site), and the stored
// reports with their HTML, PDF and CSV downloads in English and Chinese. GET and POST
// /v1/compliance-reports...; every download is recorded in the audit log by the server.

import { h, replace } from '../dom.js';
import { fullTime } from '../format.js';
import { t, language } from '../i18n.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';
import { showLoadError } from './admin-list.js';

const LANGS = ['en', 'zh-CN'];
const FORMATS = ['html', 'pdf', 'csv'];

/** 2026-11 for a Date, in the browser's time zone. */
export function monthOf(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export class ComplianceView {
  constructor(api) {
    this.api = api;
    this.sites = [];
    this.form = new FieldForm('compliance', [
      { key: 'month', label: t('compliance.month'), hint: t('compliance.month.hint'), type: 'month', required: true },
      { key: 'site', label: t('compliance.scope'), type: 'select', options: [['', t('compliance.scope.all')]] },
    ]);
    this.rows = h('tbody');
    this.count = h('span', { class: 'muted small', id: 'compliance-count', role: 'status' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.submit = h('button', { type: 'submit', class: 'button primary', id: 'compliance-generate', text: t('compliance.generate') });
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('compliance.title') }), h('span', { class: 'muted small', text: t('compliance.subtitle') })),
      this.error,
      h('form', { class: 'card admin-form', id: 'compliance-form', 'aria-labelledby': 'compliance-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.generate(); } } },
        h('h2', { id: 'compliance-form-title', text: t('compliance.generate.title') }),
        h('div', { class: 'inline-fields' }, this.form.element), this.form.formError,
        h('div', { class: 'dialog-actions' }, this.submit)),
      h('section', { class: 'card', 'aria-labelledby': 'compliance-table-title' },
        h('div', { class: 'card-head' }, h('h2', { id: 'compliance-table-title', text: t('compliance.list') }), this.count),
        h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'compliance-table-title' },
          h('table', { class: 'data-table', id: 'compliance-table', 'aria-labelledby': 'compliance-table-title' },
            h('thead', {}, h('tr', {}, ['month', 'scope', 'availability', 'down', 'breaches', 'generated', 'download']
              .map((key) => h('th', { scope: 'col', text: t(`compliance.col.${key}`) })))),
            this.rows))));
  }

  async show() {
    const last = new Date();
    last.setDate(1);
    last.setMonth(last.getMonth() - 1);
    this.form.set({ month: monthOf(last), site: '' });
    await this.load();
  }

  hide() {}

  async load() {
    let list;
    try {
      list = await this.api.complianceReports();
    } catch (error) {
      showLoadError(this.error, error);
      return;
    }
    this.error.hidden = true;
    this.sites = list.sites;
    const chosen = this.form.values()?.site || '';
    this.form.setOptions('site', [['', t('compliance.scope.all')], ...list.sites.map((s) => [s.id, s.name])]);
    this.form.set({ ...this.form.values(), site: chosen });
    replace(this.rows, list.reports.length ? list.reports.map((r) => this.row(r))
      : h('tr', {}, h('td', { colspan: '7', class: 'muted', text: t('compliance.none') })));
    this.count.textContent = t('compliance.count', { n: list.reports.length });
  }

  scopeName(scope) {
    return scope === 'all' ? t('compliance.scope.all') : this.sites.find((s) => s.id === scope)?.name || scope;
  }

  row(r) {
    const percent = typeof r.availabilityPercent === 'number' ? `${r.availabilityPercent.toFixed(3)}%` : '–';
    const scope = this.scopeName(r.scope);
    const downloads = h('div', { class: 'compliance-downloads' }, LANGS.map((lang) => h('span', { class: 'compliance-lang', lang },
      h('span', { class: 'muted small', text: t(`compliance.lang.${lang}`) }),
      FORMATS.map((format) => h('button', {
        type: 'button', class: 'button small', dataset: { lang, format },
        'aria-label': t('compliance.download', { format: format.toUpperCase(), lang: t(`compliance.lang.${lang}`), month: r.month, scope }),
        on: { click: () => this.download(r, lang, format) },
      }, h('span', { text: format.toUpperCase() }))))));
    return h('tr', { dataset: { month: r.month, scope: r.scope } },
      h('td', {}, h('span', { text: r.month }), r.partial ? h('span', { class: 'muted small', text: ` (${t('compliance.partial')})` }) : null),
      h('td', { class: 'wrap', text: scope }),
      h('td', { text: percent }),
      h('td', { text: t('compliance.minutes', { n: (r.downSeconds / 60).toFixed(1) }) }),
      h('td', { text: String(r.slaBreached) }),
      h('td', { class: 'wrap' }, h('time', { datetime: r.generatedAt, text: fullTime(r.generatedAt) }),
        r.generatedBy === 'schedule' ? h('span', { class: 'muted small', text: ` (${t('compliance.schedule')})` }) : null),
      h('td', {}, downloads));
  }

  async generate() {
    const values = this.form.values();
    if (!values) return;
    if (values.month > monthOf(new Date())) {
      this.form.fail('month', t('compliance.future'));
      return;
    }
    this.submit.disabled = true;
    try {
      await this.api.generateComplianceReport(values.month, values.site || null);
      toast(t('compliance.generated', { month: values.month }));
      await this.load();
    } catch (error) {
      this.form.showServerError(error);
    } finally {
      this.submit.disabled = false;
    }
  }

  async download(r, lang, format) {
    try {
      const blob = await this.api.complianceReport(r.month, r.scope, lang, format);
      const name = `compliance-${r.month}-${r.scope}-${lang}.${format}`;
      // Set directly: the DOM helper lets only http(s) links through, and this one is a blob.
      const link = h('a', { download: name });
      link.href = URL.createObjectURL(blob);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      toast(t('compliance.downloaded', { name }));
    } catch (error) {
      showLoadError(this.error, error);
    }
  }
}
