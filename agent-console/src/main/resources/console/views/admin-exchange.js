// The admin page's "Import and export" tab. Import: choose a site, what to import and a file; a
// contact file's columns are mapped to fields over a preview of its first rows (or by a mapping
// file); a dry run reports every row's outcome without writing; the import shows its progress,
// then the same report and the refused rows as a download. Export: contacts, conversations or
// tickets of a site and dates, with progress and the file to download.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { toast } from './dialogs.js';
import { showLoadError } from './admin-list.js';
import { FIELDS, previewRows, guessField, saveBlob, followJob } from './exchange-files.js';

/** Below this many bytes a file goes inline; larger ones are uploaded first (REST body limit). */
const INLINE_BYTES = 48 * 1024;

function select(id, options) {
  return h('select', { id }, options.map(([value, label]) => h('option', { value, text: label })));
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { htmlFor: id, text: label }), control);
}

export class ExchangeView {
  constructor(api) {
    this.api = api;
    this.file = null;
    this.mapping = null;
    this.importSite = select('exchange-import-site', []);
    this.exportSite = select('exchange-export-site', []);
    this.importKind = select('exchange-import-kind', ['contacts', 'transcripts'].map((k) => [k, t(`exchange.kind.${k}`)]));
    this.fileInput = h('input', { type: 'file', id: 'exchange-file', accept: '.csv,.json,text/csv,application/json', on: { change: () => this.readFile() } });
    this.mappingInput = h('input', { type: 'file', id: 'exchange-mapping-file', accept: '.json,application/json', on: { change: () => this.readMapping() } });
    this.columns = h('div', { id: 'exchange-columns' });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.importProgress = h('progress', { id: 'exchange-import-progress', max: '1', value: '0', hidden: true, 'aria-label': t('exchange.progress') });
    this.importStatus = h('p', { id: 'exchange-import-status', role: 'status' });
    this.report = h('tbody', { id: 'exchange-report' });
    this.refused = h('button', { type: 'button', class: 'button', id: 'exchange-refused', hidden: true, text: t('exchange.refused'), on: { click: () => this.downloadRefused() } });
    this.exportKind = select('exchange-export-kind', ['conversations', 'tickets', 'contacts'].map((k) => [k, t(`exchange.kind.${k}`)]));
    this.from = h('input', { type: 'date', id: 'exchange-from' });
    this.to = h('input', { type: 'date', id: 'exchange-to' });
    this.exportProgress = h('progress', { id: 'exchange-export-progress', max: '1', value: '0', hidden: true, 'aria-label': t('exchange.progress') });
    this.exportStatus = h('p', { id: 'exchange-export-status', role: 'status' });
    this.download = h('button', { type: 'button', class: 'button', id: 'exchange-download', hidden: true, text: t('exchange.download'), on: { click: () => this.downloadExport() } });
    this.element = h('div', { class: 'admin-page exchange-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('exchange.title') }), h('span', { class: 'muted small', text: t('exchange.subtitle') })),
      this.error,
      h('section', { class: 'card', 'aria-labelledby': 'exchange-import-title' },
        h('h2', { id: 'exchange-import-title', text: t('exchange.import') }),
        h('div', { class: 'inline-fields' }, field('exchange-import-site', t('exchange.site'), this.importSite),
          field('exchange-import-kind', t('exchange.kind'), this.importKind),
          field('exchange-file', t('exchange.file'), this.fileInput),
          field('exchange-mapping-file', t('exchange.mappingFile'), this.mappingInput)),
        this.columns,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button', id: 'exchange-dry-run', text: t('exchange.dryRun'), on: { click: () => this.runImport(true) } }),
          h('button', { type: 'button', class: 'button primary', id: 'exchange-run', text: t('exchange.run'), on: { click: () => this.runImport(false) } })),
        this.importProgress, this.importStatus,
        h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'exchange-report-title' },
          h('table', { class: 'data-table', id: 'exchange-report-table', 'aria-labelledby': 'exchange-report-title' },
            h('caption', { id: 'exchange-report-title', text: t('exchange.report') }),
            h('thead', {}, h('tr', {}, ['row', 'outcome', 'key', 'reason'].map((c) => h('th', { scope: 'col', text: t(`exchange.col.${c}`) })))),
            this.report)),
        h('div', { class: 'dialog-actions' }, this.refused)),
      h('section', { class: 'card', 'aria-labelledby': 'exchange-export-title' },
        h('h2', { id: 'exchange-export-title', text: t('exchange.export') }),
        h('div', { class: 'inline-fields' }, field('exchange-export-kind', t('exchange.kind'), this.exportKind),
          field('exchange-export-site', t('exchange.site'), this.exportSite),
          field('exchange-from', t('exchange.from'), this.from), field('exchange-to', t('exchange.to'), this.to)),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'button primary', id: 'exchange-export', text: t('exchange.start'), on: { click: () => this.runExport() } }),
          this.download),
        this.exportProgress, this.exportStatus));
    this.importKind.addEventListener('change', () => this.renderColumns());
  }

  async show() {
    try {
      const sites = await this.api.adminSites();
      for (const list of [this.importSite, this.exportSite]) {
        replace(list, sites.map((s) => h('option', { value: s.id, text: s.name || s.id })));
      }
    } catch (error) {
      showLoadError(this.error, error);
    }
  }

  hide() {}

  format() {
    return /\.json$/i.test(this.file?.name || '') ? 'json' : 'csv';
  }

  async readFile() {
    this.file = this.fileInput.files[0] || null;
    this.preview = null;
    this.error.hidden = true;
    if (this.file) {
      try {
        this.preview = previewRows(await this.file.slice(0, 64 * 1024).text(), this.format());
      } catch (error) {
        this.fail(t('exchange.badFile', { error: error.message }));
      }
    }
    this.renderColumns();
  }

  async readMapping() {
    const file = this.mappingInput.files[0];
    try {
      this.mapping = file ? JSON.parse(await file.text()) : null;
    } catch (error) {
      this.mapping = null;
      this.fail(t('exchange.badFile', { error: error.message }));
    }
    this.renderColumns();
  }

  /** The preview table with a field chooser per column (contacts only). */
  renderColumns() {
    if (!this.preview || this.importKind.value !== 'contacts') {
      replace(this.columns);
      return;
    }
    const { columns, rows } = this.preview;
    this.choosers = columns.map((column, i) => {
      const chosen = this.mapping ? this.mapping[column] || '' : guessField(column);
      const attribute = chosen.startsWith('attribute:');
      const chooser = select(`exchange-map-${i}`, [['', t('exchange.field.none')], ...FIELDS.map((f) => [f, t(`exchange.field.${f}`)]), ['attribute:', t('exchange.field.attribute', { key: '…' })]]);
      chooser.value = attribute ? 'attribute:' : chosen;
      const key = h('input', { type: 'text', id: `exchange-key-${i}`, value: attribute ? chosen.slice(10) : '', 'aria-label': `${t('exchange.attributeKey')} ${column}`, hidden: !attribute });
      chooser.addEventListener('change', () => { key.hidden = chooser.value !== 'attribute:'; });
      chooser.setAttribute('aria-label', `${t('exchange.field')}: ${column}`);
      return { column, chooser, key };
    });
    replace(this.columns, h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'exchange-preview-title' },
      h('table', { class: 'data-table', id: 'exchange-preview', 'aria-labelledby': 'exchange-preview-title' },
        h('caption', { id: 'exchange-preview-title', text: `${t('exchange.mapping')} · ${t('exchange.preview')}` }),
        h('thead', {}, h('tr', {}, this.choosers.map((c) => h('th', { scope: 'col' }, h('div', { text: c.column }), c.chooser, c.key)))),
        h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((_, i) => h('td', { class: 'wrap', text: row[i] || '' }))))))));
  }

  chosenMapping() {
    if (!this.choosers) return this.mapping || undefined;
    const mapping = {};
    for (const { column, chooser, key } of this.choosers) {
      if (chooser.value === 'attribute:') {
        if (key.value.trim()) mapping[column] = `attribute:${key.value.trim()}`;
      } else if (chooser.value) mapping[column] = chooser.value;
    }
    return mapping;
  }

  async runImport(dryRun) {
    if (!this.file) {
      this.fail(t('exchange.noFile'));
      return;
    }
    this.error.hidden = true;
    const kind = this.importKind.value;
    const body = { siteId: this.importSite.value, format: this.format(), dryRun };
    if (kind === 'contacts') body.mapping = this.chosenMapping();
    try {
      if (this.file.size < INLINE_BYTES) body.content = await this.file.text();
      else body.attachmentId = (await this.uploadFile()).id;
      const started = await this.api.startImport(kind, body);
      const job = await followJob(this.api, started.jobId, (j) => this.progress(this.importProgress, this.importStatus, j));
      this.job = job;
      this.showReport(job);
    } catch (error) {
      this.fail(error.message);
    }
  }

  async uploadFile() {
    const { uploadFile } = await import('../attachments.js');
    return uploadFile(this.file, { site: this.importSite.value });
  }

  progress(bar, status, job) {
    bar.hidden = false;
    bar.value = String(job.rowsTotal ? job.rowsDone / job.rowsTotal : job.state === 'running' ? 0 : 1);
    status.textContent = job.state === 'running'
      ? `${t('exchange.state.running')} ${t('exchange.rowsDone', { done: job.rowsDone, total: job.rowsTotal })}`
      : job.state === 'failed' ? t('exchange.state.failed', { error: job.error || '' })
        : `${t('exchange.state.done')} · ${t('exchange.rowsDone', { done: job.rowsDone, total: job.rowsTotal })}`;
  }

  showReport(job) {
    if (job.state !== 'done') return;
    const c = job.counts || {};
    this.importStatus.textContent = t(job.dryRun ? 'exchange.countsDry' : 'exchange.counts',
      { created: c.created || 0, updated: c.updated || 0, unchanged: c.unchanged || 0, refused: c.refused || 0 });
    replace(this.report, (job.rows || []).map((r) => h('tr', { dataset: { outcome: r.outcome } },
      h('td', { text: String(r.row) }), h('td', { text: t(`exchange.outcome.${r.outcome}`) }),
      h('td', { class: 'wrap', text: r.key || '—' }), h('td', { class: 'wrap', text: r.reason || '' }))));
    this.refused.hidden = !job.hasRefused;
  }

  async downloadRefused() {
    try {
      saveBlob(await this.api.jobRefused(this.job.id), 'refused-rows.csv');
    } catch (error) {
      this.fail(error.message);
    }
  }

  async runExport() {
    const body = { siteId: this.exportSite.value };
    if (this.from.value) body.from = new Date(`${this.from.value}T00:00:00`).toISOString();
    if (this.to.value) body.to = new Date(new Date(`${this.to.value}T00:00:00`).getTime() + 86400000).toISOString();
    this.download.hidden = true;
    try {
      const started = await this.api.startExport(this.exportKind.value, body);
      this.exportJob = await followJob(this.api, started.jobId, (j) => this.progress(this.exportProgress, this.exportStatus, j));
      if (this.exportJob.state === 'done') {
        this.download.hidden = false;
        toast(t('exchange.exported', { n: this.exportJob.rowsDone }));
      }
    } catch (error) {
      this.fail(error.message);
    }
  }

  async downloadExport() {
    try {
      saveBlob(await this.api.jobFile(this.exportJob.id), `switchboard-${this.exportKind.value}.csv`);
    } catch (error) {
      this.fail(error.message);
    }
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
