// The admin page's support addresses tab: every address with its site and the queue its mail
// goes to, the chosen address's editor (address, display name, site, queue, and optionally the
// IMAP mailbox it is fetched from), and below them the mail the loop rules ignored. The mailbox
// password is write-only: the server never sends it back, so the field stays empty and an empty
// field keeps the saved one.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { listPage, editCell, emptyRow, showLoadError, markSelected, keepInput, saveRecord, deleteRecord } from './admin-list.js';
import { FieldForm } from './field-form.js';
import { IgnoredMailList } from './admin-mail-ignored.js';

const IMAP_KEYS = ['imapHost', 'imapPort', 'imapTls', 'imapUser', 'imapPassword', 'imapFolder', 'imapProcessedFolder'];

function addressFields() {
  return [
    { key: 'address', label: t('mailAddr.address'), hint: t('mailAddr.address.hint'), type: 'email', required: true },
    { key: 'displayName', label: t('mailAddr.displayName'), hint: t('mailAddr.displayName.hint'), type: 'text' },
    { key: 'siteId', label: t('mailAddr.site'), hint: t('mailAddr.site.hint'), type: 'select' },
    { key: 'queue', label: t('mailAddr.queue'), type: 'select' },
    { key: 'mailbox', label: t('mailAddr.mailbox'), hint: t('mailAddr.mailbox.hint'), type: 'checkbox', aliases: ['imap'] },
    { key: 'imapHost', label: t('mailAddr.imapHost'), type: 'text', required: true, aliases: ['imap.host'] },
    { key: 'imapPort', label: t('mailAddr.imapPort'), hint: t('mailAddr.imapPort.hint'), type: 'number', min: 1, max: 65535, optional: true, aliases: ['imap.port'] },
    { key: 'imapTls', label: t('mailAddr.imapTls'), type: 'checkbox', aliases: ['imap.tls'] },
    { key: 'imapUser', label: t('mailAddr.imapUser'), type: 'text', required: true, aliases: ['imap.user'] },
    { key: 'imapPassword', label: t('mailAddr.imapPassword'), type: 'password', aliases: ['imap.password'] },
    { key: 'imapFolder', label: t('mailAddr.imapFolder'), hint: t('mailAddr.imapFolder.hint'), type: 'text', aliases: ['imap.folder'] },
    { key: 'imapProcessedFolder', label: t('mailAddr.imapProcessed'), hint: t('mailAddr.imapProcessed.hint'), type: 'text', aliases: ['imap.processedFolder'] },
  ];
}

export class MailAddressesView {
  constructor(api) {
    this.api = api;
    this.addresses = [];
    this.sites = [];
    this.queues = [];
    this.selected = null; // an address id, '' for a new address
    this.form = new FieldForm('mail', addressFields());
    this.form.inputs.siteId.addEventListener('change', () => this.fillQueues());
    this.form.inputs.mailbox.addEventListener('change', () => this.showMailbox());
    this.formTitle = h('h2', { id: 'mail-form-title' });
    this.submit = h('button', { type: 'submit', class: 'button primary', id: 'mail-save', text: t('mailAddr.save') });
    this.remove = h('button', { type: 'button', class: 'button danger', id: 'mail-delete', on: { click: () => this.delete() } }, icon('trash'), h('span', { text: t('mailAddr.delete') }));
    this.editor = h('form', { class: 'card admin-form', id: 'mail-form', 'aria-labelledby': 'mail-form-title', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.formTitle, this.form.element, this.form.formError, h('div', { class: 'dialog-actions' }, this.remove, this.submit));
    ({ element: this.element, rows: this.rows, error: this.error } = listPage({
      kind: 'mail', strings: 'mailAddr', editor: this.editor, onNew: () => this.select('', true),
      columns: ['mailAddr.col.address', 'mailAddr.col.site', 'mailAddr.col.queue', 'mailAddr.col.mailbox'],
    }));
    this.ignored = new IgnoredMailList(api);
    this.element.append(this.ignored.element);
  }

  show() {
    this.load(this.selected);
    this.ignored.load();
  }

  hide() {}

  async load(selectId) {
    const picks = this.picks;
    try {
      [this.addresses, this.sites, this.queues] = await Promise.all([this.api.mailAddresses(), this.api.adminSites(), this.api.adminQueues()]);
    } catch (error) {
      return showLoadError(this.error, error);
    }
    this.error.hidden = true;
    // The admin chose a record (or New) while the list was loading: that choice stays, and so
    // does what they have typed into it since.
    const picked = this.picks !== picks;
    if (picked) selectId = this.selected;
    const siteName = (id) => this.sites.find((s) => s.id === id)?.name || id;
    this.form.setOptions('siteId', this.sites.map((site) => [site.id, site.name]));
    replace(this.rows, this.addresses.length ? this.addresses.map((a) => h('tr', { dataset: { mail: a.id } },
      h('th', { scope: 'row', class: 'wrap' }, h('span', { text: a.address }), a.displayName ? h('span', { class: 'muted small queue-id', text: a.displayName }) : null),
      h('td', { class: 'wrap', text: siteName(a.siteId) }),
      h('td', { class: 'wrap', text: this.queueName(a.queue) }),
      h('td', { class: 'wrap', text: a.imap ? `${a.imap.user} @ ${a.imap.host}` : t('mailAddr.smtpOnly') }),
      editCell(t('mailAddr.edit', { name: a.address }), 'mail-form', () => this.select(a.id, true))))
      : emptyRow(5, t('mailAddr.empty')));
    const keep = selectId === '' || this.addresses.some((a) => a.id === selectId);
    const restore = picked ? keepInput(this.editor) : null;
    this.select(keep ? selectId : (this.addresses[0]?.id ?? ''), false);
    restore?.();
    return true;
  }

  queueName(id) {
    return this.queues.find((q) => q.id === id)?.name || id;
  }

  select(id, focus) {
    if (focus) this.picks = (this.picks || 0) + 1;
    this.selected = id;
    markSelected(this.rows, 'mail', id);
    const address = this.addresses.find((a) => a.id === id) || null;
    this.formTitle.textContent = address ? t('mailAddr.form.edit', { name: address.address }) : t('mailAddr.form.new');
    this.submit.textContent = address ? t('mailAddr.save') : t('mailAddr.create');
    this.remove.hidden = !address;
    const imap = address?.imap;
    this.form.set({
      address: address?.address, displayName: address?.displayName, siteId: address?.siteId || this.sites[0]?.id,
      mailbox: Boolean(imap), imapHost: imap?.host, imapPort: imap?.port, imapTls: imap ? imap.tls : true,
      imapUser: imap?.user, imapPassword: '', imapFolder: imap?.folder, imapProcessedFolder: imap?.processedFolder,
    });
    // The site of an address is fixed once it exists: its queue must be one of that site's.
    this.form.inputs.siteId.disabled = Boolean(address);
    this.fillQueues(address?.queue);
    this.passwordHint(Boolean(imap?.passwordSet));
    this.showMailbox();
    if (focus) this.form.inputs.address.focus();
  }

  /** The queue choices of the chosen site, keeping `keep` (or the current choice) when it is one. */
  fillQueues(keep = this.form.inputs.queue.value) {
    const site = this.form.inputs.siteId.value;
    const queues = this.queues.filter((q) => !q.siteId || q.siteId === site);
    this.form.setOptions('queue', queues.map((q) => [q.id, q.name]));
    if (queues.some((q) => q.id === keep)) this.form.inputs.queue.value = keep;
  }

  passwordHint(saved) {
    const row = this.form.rows.imapPassword;
    let hint = row.querySelector('.field-hint');
    if (!hint) {
      hint = h('p', { class: 'field-hint', id: 'mail-imapPassword-hint' });
      row.insertBefore(hint, this.form.errors.imapPassword);
      this.form.inputs.imapPassword.setAttribute('aria-describedby', 'mail-imapPassword-hint mail-imapPassword-error');
    }
    hint.textContent = saved ? t('mailAddr.imapPassword.keep') : t('mailAddr.imapPassword.new');
    this.passwordSaved = saved;
  }

  showMailbox() {
    const on = this.form.inputs.mailbox.checked;
    for (const key of IMAP_KEYS) this.form.showField(key, on);
  }

  /** The request body, or null after showing what is missing. */
  body() {
    const values = this.form.values();
    if (!values) return null;
    const body = { address: values.address, displayName: values.displayName || null, queue: values.queue };
    if (this.selected === '') body.siteId = values.siteId;
    if (!values.mailbox) {
      body.imap = null;
      return body;
    }
    body.imap = { host: values.imapHost, port: values.imapPort, tls: values.imapTls, user: values.imapUser };
    if (values.imapFolder) body.imap.folder = values.imapFolder;
    if (values.imapProcessedFolder) body.imap.processedFolder = values.imapProcessedFolder;
    if (values.imapPassword) body.imap.password = values.imapPassword;
    else if (!this.passwordSaved) return this.form.fail('imapPassword', t('mailAddr.imapPassword.required')) || null;
    return body;
  }

  async save() {
    const body = this.body();
    if (!body) return;
    const isNew = this.selected === '';
    await saveRecord({
      isNew, strings: 'mailAddr', form: this.form, name: (saved) => saved.address,
      call: () => (isNew ? this.api.createMailAddress(body) : this.api.updateMailAddress(this.selected, body)),
      reload: (saved) => {
        this.form.inputs.imapPassword.value = '';
        return this.load(saved.id);
      },
    });
  }

  async delete() {
    const address = this.addresses.find((a) => a.id === this.selected);
    if (!address) return;
    await deleteRecord({
      label: address.address, strings: 'mailAddr', form: this.form,
      call: () => this.api.deleteMailAddress(address.id), reload: () => this.load(null),
    });
  }
}
