// The admin page's sites tab: every site with its key and allowed origins, and the chosen site's
// settings (everything the widget reads: look, greetings, language, origins, pre-chat fields and
// their labels, the offline form's text, the default queue), its embed code and its identity
// verification. The server's validation message shows next to the field it names.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, emptyRow, showLoadError, markSelected, keepInput } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { IdentityPanel } from './admin-identity.js';
import { FilesPanel } from './admin-files.js';
import { RetentionPanel } from './admin-retention.js';
import { toast } from './dialogs.js';

const FIELDS = ['name', 'email', 'phone'];
const MODES = ['required', 'optional', 'hidden'];

/** The site settings form; one more setting is one more entry here. */
function siteFields() {
  const fields = [
    { key: 'id', label: t('site.id'), hint: t('site.id.hint'), type: 'text', required: true },
    { key: 'name', label: t('site.name'), type: 'text', required: true },
    { key: 'brandColor', label: t('site.brandColor'), hint: t('site.brandColor.hint'), type: 'text', required: true },
    { key: 'language', label: t('site.language'), type: 'select', options: ['auto', 'en', 'zh-CN'].map((l) => [l, t(`site.language.${l}`)]) },
    { key: 'greetingEn', label: t('site.greetingEn'), type: 'textarea', required: true, max: 500 },
    { key: 'greetingZh', label: t('site.greetingZh'), type: 'textarea', required: true, max: 500 },
    { key: 'offlineTextEn', label: t('site.offlineTextEn'), hint: t('site.offlineText.hint'), type: 'textarea', max: 500 },
    { key: 'offlineTextZh', label: t('site.offlineTextZh'), hint: t('site.offlineText.hint'), type: 'textarea', max: 500 },
    { key: 'allowedOrigins', label: t('site.allowedOrigins'), hint: t('site.allowedOrigins.hint'), type: 'list' },
    { key: 'defaultQueue', label: t('site.defaultQueue'), type: 'select', options: [] },
  ];
  for (const name of FIELDS) {
    const field = t(`site.field.${name}`);
    fields.push(
      { key: `${name}Field`, label: t('site.fieldMode', { field }), type: 'select', options: MODES.map((m) => [m, t(`site.mode.${m}`)]) },
      { key: `${name}LabelEn`, label: t('site.labelEn', { field }), hint: t('site.label.hint'), type: 'text' },
      { key: `${name}LabelZh`, label: t('site.labelZh', { field }), type: 'text' },
    );
  }
  return fields;
}

const NEW_SITE = {
  brandColor: '#2563eb', language: 'auto', greetingEn: 'Hi! How can we help you today?', greetingZh: '您好！请问有什么可以帮您？',
  allowedOrigins: [], defaultQueue: '', nameField: 'required', emailField: 'required', phoneField: 'optional',
};

export class SitesView {
  constructor(api) {
    this.api = api;
    this.sites = [];
    this.queues = [];
    this.selected = null; // a site id, '' for a new site
    this.form = new FieldForm('site', siteFields());
    this.formTitle = h('h2', { id: 'site-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', text: t('sites.save') });
    this.settings = h('form', { class: 'card admin-form', id: 'site-form', 'aria-labelledby': 'site-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.form.element, this.form.formError, h('div', { class: 'dialog-actions' }, this.submit));
    this.embedIntro = h('p', { class: 'muted small' });
    this.embedCode = h('textarea', { id: 'site-embed', readonly: true, rows: '3', class: 'code' });
    this.embed = h('section', { class: 'card admin-form', 'aria-labelledby': 'embed-title' },
      h('h2', { id: 'embed-title', text: t('embed.title') }), this.embedIntro,
      h('label', { class: 'sr-only', htmlFor: 'site-embed', id: 'site-embed-label' }), this.embedCode,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', id: 'site-embed-copy', on: { click: () => this.copyEmbed() } }, icon('copy'), h('span', { text: t('embed.copy') }))));
    this.identity = new IdentityPanel(api);
    this.files = new FilesPanel(api);
    this.retention = new RetentionPanel(api);
    ({ element: this.element, rows: this.rows, error: this.error } = listPage({
      kind: 'site', strings: 'sites', onNew: () => this.select('', true),
      editor: h('div', { class: 'queue-editor' }, this.settings, this.embed, this.files.element, this.retention.element, this.identity.element),
      columns: ['sites.col.site', 'sites.col.key', 'sites.col.origins'],
    }));
  }

  show() {
    this.load(this.selected);
  }

  hide() {}

  async load(selectId) {
    const picks = this.picks;
    try {
      [this.sites, this.queues] = await Promise.all([this.api.adminSites(), this.api.adminQueues()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    // The admin chose a site (or New) while the list was loading: that choice stays, and so does
    // what they have typed into its settings since.
    const picked = this.picks !== picks;
    if (picked) selectId = this.selected;
    replace(this.rows, this.sites.length ? this.sites.map((site) => h('tr', { dataset: { site: site.id } },
      h('th', { scope: 'row' }, swatch(site.brandColor),
        h('span', { text: site.name }), h('span', { class: 'muted small queue-id', text: site.id })),
      h('td', {}, h('code', { text: site.siteKey })),
      h('td', { text: site.allowedOrigins.length ? site.allowedOrigins.join(', ') : t('sites.anyOrigin') }),
      editCell(t('sites.edit', { name: site.name }), 'site-form', () => this.select(site.id, true))))
      : emptyRow(4, t('sites.empty')));
    const keep = selectId === '' || this.sites.some((s) => s.id === selectId);
    const restore = picked ? keepInput(this.settings) : null;
    this.select(keep ? selectId : (this.sites[0]?.id ?? ''), false);
    restore?.();
  }

  select(id, focus) {
    if (focus) this.picks = (this.picks || 0) + 1;
    this.selected = id;
    markSelected(this.rows, 'site', id);
    const site = this.sites.find((s) => s.id === id) || null;
    const isNew = !site;
    this.formTitle.textContent = isNew ? t('sites.form.new') : t('sites.form.edit', { name: site.name });
    this.submit.textContent = isNew ? t('sites.create') : t('sites.save');
    this.form.showField('id', isNew);
    this.form.setOptions('defaultQueue', [['', t('site.defaultQueue.none')],
      ...this.queues.filter((q) => site && q.siteId === site.id).map((q) => [q.id, q.name])]);
    this.form.showField('defaultQueue', !isNew);
    const values = isNew ? NEW_SITE : site;
    this.form.set({ ...values, defaultQueue: values.defaultQueue || '' });
    this.embed.hidden = isNew;
    if (!isNew) {
      this.embedIntro.textContent = t('embed.intro', { name: site.name });
      this.embed.querySelector('#site-embed-label').textContent = t('embed.label', { name: site.name });
      this.embedCode.value = `<script src="${location.origin}/widget.js" data-site="${site.siteKey}" async></script>`;
    }
    this.identity.show(isNew ? null : site);
    this.files.show(isNew ? null : site);
    this.retention.show(isNew ? null : site);
    if (focus) [...this.settings.querySelectorAll('input, select, textarea')].find((el) => !el.closest('[hidden]'))?.focus();
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const isNew = this.selected === '';
    if (!values.defaultQueue) values.defaultQueue = null;
    try {
      const site = isNew ? await this.api.createSite(values) : await this.api.updateSite(this.selected, values);
      toast(t(isNew ? 'sites.created' : 'sites.saved', { name: site.name }));
      await this.load(site.id);
    } catch (error) {
      this.form.showServerError(error);
    }
  }

  async copyEmbed() {
    this.embedCode.select();
    try {
      await navigator.clipboard.writeText(this.embedCode.value);
      toast(t('embed.copied'));
    } catch {
      document.execCommand?.('copy');
    }
  }
}

/** A small square of the site's brand colour (set through the CSSOM: the CSP allows no inline style). */
function swatch(colour) {
  const square = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  square.style.background = colour;
  return square;
}
