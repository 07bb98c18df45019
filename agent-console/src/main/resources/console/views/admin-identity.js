// The sites tab's identity verification card: whether only verified visitors may chat, the
// site's keys (without their secrets) and a new secret, shown once. Public keys (RS256, ES256)
// are added over REST (README, "Visitor identity").

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from './dialogs.js';

export class IdentityPanel {
  constructor(api) {
    this.api = api;
    this.site = null;
    this.enforced = h('input', { type: 'checkbox', id: 'identity-enforced', on: { change: () => this.setEnforced() } });
    this.rows = h('tbody');
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.secret = h('input', { type: 'text', id: 'identity-secret', readonly: true, class: 'code' });
    this.secretRow = h('div', { class: 'field', hidden: true },
      h('label', { htmlFor: 'identity-secret', text: t('identity.secret') }), this.secret);
    this.element = h('section', { class: 'card admin-form', id: 'identity-card', 'aria-labelledby': 'identity-title' },
      h('h2', { id: 'identity-title', text: t('identity.title') }),
      h('p', { class: 'muted small', text: t('identity.intro') }),
      h('div', { class: 'field checkbox-field' }, h('label', { class: 'choice', htmlFor: 'identity-enforced' }, this.enforced, h('span', { text: t('identity.enforced') }))),
      h('table', { class: 'data-table', id: 'identity-keys', 'aria-label': t('identity.keys') },
        h('thead', {}, h('tr', {}, ['identity.col.key', 'identity.col.kind', 'identity.col.created', 'identity.col.expires', 'identity.col.state']
          .map((key) => h('th', { scope: 'col', text: t(key) })), h('th', { scope: 'col' }, h('span', { class: 'sr-only', text: t('identity.keys') })))),
        this.rows),
      this.secretRow, this.error,
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', id: 'identity-new-secret', on: { click: () => this.newSecret() } },
        icon('key'), h('span', { text: t('identity.newSecret') }))));
  }

  /** Shows the card for `site`, or hides it for a site not created yet. */
  async show(site) {
    this.site = site;
    this.element.hidden = !site;
    this.secretRow.hidden = true;
    this.secret.value = '';
    if (site) await this.load();
  }

  async load() {
    const siteId = this.site.id;
    try {
      this.render(await this.api.siteIdentity(siteId));
    } catch (error) {
      this.fail(error);
    }
  }

  render(identity) {
    this.error.hidden = true;
    this.enforced.checked = identity.enforced;
    replace(this.rows, identity.keys.length ? identity.keys.map((key) => h('tr', { dataset: { key: key.keyId } },
      h('th', { scope: 'row' }, h('code', { text: key.keyId })),
      h('td', { text: key.kind }),
      h('td', { text: when(key.createdAt) }),
      h('td', { text: key.expiresAt ? when(key.expiresAt) : t('identity.never') }),
      h('td', {}, h('span', { class: `status-pill ${key.active ? 'online' : 'offline'}`, text: t(key.active ? 'identity.active' : 'identity.expired') })),
      h('td', { class: 'row-actions' }, h('button', {
        type: 'button', class: 'icon-button danger', 'aria-label': t('identity.remove', { key: key.keyId }), title: t('identity.remove', { key: key.keyId }),
        on: { click: () => this.remove(key.keyId) },
      }, icon('trash')))))
      : h('tr', {}, h('td', { colspan: '6', class: 'muted', text: t('identity.none') })));
  }

  async setEnforced() {
    try {
      this.render(await this.api.setIdentityEnforced(this.site.id, this.enforced.checked));
      toast(t('identity.saved'));
    } catch (error) {
      this.enforced.checked = !this.enforced.checked;
      this.fail(error);
    }
  }

  async newSecret() {
    try {
      const key = await this.api.addIdentityKey(this.site.id, { kind: 'secret' });
      await this.load();
      this.secret.value = key.secret;
      this.secretRow.hidden = false;
      this.secret.focus();
      this.secret.select();
    } catch (error) {
      this.fail(error);
    }
  }

  async remove(keyId) {
    try {
      await this.api.removeIdentityKey(this.site.id, keyId);
      toast(t('identity.removed', { key: keyId }));
      await this.load();
    } catch (error) {
      this.fail(error);
    }
  }

  fail(error) {
    this.error.textContent = error.status === 403 ? t('error.forbidden') : String(error.message || error);
    this.error.hidden = false;
  }
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}
