// The admin page's API keys tab: the keys (newest first: name, the first characters of the key,
// scope, when created and last used, active or revoked, a revoke button) and a form that creates
// one with a name, read and/or write access and the resources it may reach. The new key's secret
// is shown once, in a box that takes the focus, and is never shown again; the server keeps only
// its hash.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { fullTime } from '../format.js';
import { emptyRow, showLoadError } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';

const ACCESS = ['read', 'write'];
const RESOURCES = ['conversations', 'tickets', 'contacts', 'privacy', 'reports', 'admin'];

export class ApiKeysView {
  constructor(api) {
    this.api = api;
    this.rows = h('tbody');
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.form = new FieldForm('api-key', [
      { key: 'name', label: t('apiKeys.name'), hint: t('apiKeys.name.hint'), required: true, max: 100 },
    ]);
    this.access = new FieldForm('api-key-access', ACCESS.map((key) => ({ key, label: t(`apiKeys.${key}`), type: 'checkbox' })));
    this.resources = new FieldForm('api-key-resource', RESOURCES.map((key) => ({ key, label: t(`apiKeys.resource.${key}`), type: 'checkbox' })));
    this.secretValue = h('input', { id: 'api-key-secret-value', readOnly: true, class: 'code', 'aria-describedby': 'api-key-secret-hint' });
    this.secretLabel = h('label', { htmlFor: 'api-key-secret-value' });
    this.secret = h('section', { class: 'card', id: 'api-key-secret', hidden: true, 'aria-labelledby': 'api-key-secret-title' },
      h('h2', { id: 'api-key-secret-title', text: t('apiKeys.secret.title') }),
      h('div', { class: 'field' }, this.secretLabel, this.secretValue,
        h('p', { class: 'field-hint', id: 'api-key-secret-hint', text: t('apiKeys.secret.hint') })),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', id: 'api-key-secret-done', text: t('apiKeys.secret.done'),
        on: { click: () => this.hideSecret() } })));
    const editor = h('form', { class: 'card admin-form', id: 'api-key-form', 'aria-labelledby': 'api-key-form-title', novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.create(); } } },
      h('h2', { id: 'api-key-form-title', text: t('apiKeys.form.title') }),
      this.form.element,
      h('fieldset', { class: 'choices-group', id: 'api-key-access' }, h('legend', { text: t('apiKeys.access') }), this.access.element, this.access.formError),
      h('fieldset', { class: 'choices-group', id: 'api-key-resources' }, h('legend', { text: t('apiKeys.resources') }), this.resources.element, this.resources.formError),
      this.form.formError,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button primary', id: 'api-key-create', text: t('apiKeys.create') })));
    this.element = h('div', { class: 'admin-page', lang: language() },
      h('div', { class: 'page-head' }, h('h1', { text: t('apiKeys.title') }), h('span', { class: 'muted small', text: t('apiKeys.subtitle') })),
      this.error, this.secret,
      h('div', { class: 'admin-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'admin-api-keys-title' },
          h('div', { class: 'card-head' }, h('h2', { id: 'admin-api-keys-title', text: t('apiKeys.title') })),
          h('div', { class: 'table-scroll', tabIndex: 0, role: 'region', 'aria-labelledby': 'admin-api-keys-title' },
            h('table', { class: 'data-table', id: 'admin-api-keys-table', 'aria-label': t('apiKeys.label') },
              h('thead', {}, h('tr', {}, ['name', 'prefix', 'scope', 'created', 'lastUsed', 'state'].map((key) => h('th', { scope: 'col', text: t(`apiKeys.col.${key}`) })),
                h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('apiKeys.revoke', { name: '' }) })))),
              this.rows))),
        editor));
  }

  show() {
    this.load();
  }

  hide() {
    this.hideSecret();
  }

  async load() {
    let reply;
    try {
      reply = await this.api.apiKeys();
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    const keys = reply.keys || [];
    replace(this.rows, keys.length ? keys.map((key) => this.row(key)) : emptyRow(7, t('apiKeys.empty')));
    return true;
  }

  row(key) {
    const scope = `${key.access.map((a) => t(`apiKeys.scope.${a}`)).join(' + ')}: ${key.resources.map((r) => t(`apiKeys.resource.${r}`)).join(', ')}`;
    const label = t('apiKeys.revoke', { name: key.name });
    return h('tr', { dataset: { key: key.id, state: key.revokedAt ? 'revoked' : 'active' } },
      h('th', { scope: 'row', class: 'wrap', dataset: { field: 'name' }, text: key.name }),
      h('td', { class: 'api-key-prefix', dataset: { field: 'prefix' }, text: `${key.prefix}…` }),
      h('td', { class: 'wrap small', dataset: { field: 'scope' }, text: scope }),
      h('td', { dataset: { field: 'created' }, text: fullTime(key.createdAt) }),
      h('td', { dataset: { field: 'lastUsed' }, text: key.lastUsedAt ? fullTime(key.lastUsedAt) : t('apiKeys.never') }),
      h('td', { dataset: { field: 'state' }, text: key.revokedAt ? t('apiKeys.revoked', { time: fullTime(key.revokedAt) }) : t('apiKeys.active') }),
      h('td', { class: 'row-actions' }, key.revokedAt ? null : h('button', { type: 'button', class: 'icon-button danger', 'aria-label': label, title: label,
        on: { click: () => this.revoke(key) } }, icon('trash'))));
  }

  async create() {
    const values = this.form.values();
    const access = ACCESS.filter((key) => this.access.inputs[key].checked);
    const resources = RESOURCES.filter((key) => this.resources.inputs[key].checked);
    this.access.clearErrors();
    this.resources.clearErrors();
    if (!access.length) this.showGroupError(this.access, t('apiKeys.chooseAccess'));
    if (!resources.length) this.showGroupError(this.resources, t('apiKeys.chooseResource'));
    if (!values || !access.length || !resources.length) return;
    let created;
    try {
      created = await this.api.createApiKey({ name: values.name, access, resources });
    } catch (error) {
      this.form.showServerError(error);
      return;
    }
    this.form.set({});
    this.access.set({});
    this.resources.set({});
    this.secretLabel.textContent = t('apiKeys.secret.label', { name: created.name });
    this.secretValue.value = created.secret;
    this.secret.hidden = false;
    this.secretValue.focus();
    this.secretValue.select();
    await this.load();
  }

  showGroupError(form, message) {
    form.formError.textContent = message;
    form.formError.hidden = false;
  }

  hideSecret() {
    this.secretValue.value = '';
    this.secret.hidden = true;
  }

  async revoke(key) {
    if (!globalThis.confirm(t('apiKeys.confirmRevoke', { name: key.name }))) return;
    try {
      await this.api.revokeApiKey(key.id);
      toast(t('apiKeys.revokedToast'));
    } catch (error) {
      this.error.textContent = error.message;
      this.error.hidden = false;
    }
    await this.load();
  }
}
