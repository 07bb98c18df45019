// A contact's personal data on the contact page, for admins only (the server lets only admins
// export and erase personal data): "Export personal data" downloads the GDPR zip (contact.json and
// the person's files); "Erase personal data" opens a dialog that says what is erased and what is
// kept, asks for a reason and for the contact's name (or email when nameless) typed to confirm,
// erases, and hands the server's receipt to the page, which then shows the erased state.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { modal, toast } from './dialogs.js';
import { saveBlob } from './exchange-files.js';
import { contactProblem } from './contact-common.js';

const ERASED = ['contacts', 'chats', 'tickets', 'files', 'live'];
const KEPT = ['audit', 'others', 'copies'];

/** What the admin must type to confirm: the name, else the email, else the phone, else the id. */
export function confirmationText(contact) {
  return [contact.name, contact.email, contact.phone, contact.id].map((v) => String(v || '').trim()).find(Boolean);
}

/** A refusal of an export or an erasure in the admin's words. */
function privacyProblem(error) {
  if (error?.status === 409 || error?.code === 'conflict') return t('privacy.refused.open');
  return contactProblem(error);
}

export class ContactPrivacy {
  /** `onErased(contact, receipt)` is called after an erasure. */
  constructor(api, onErased) {
    Object.assign(this, { api, onErased });
    this.contact = null;
    this.status = h('p', { class: 'form-error', id: 'privacy-error', role: 'alert', hidden: true });
    this.exportButton = h('button', { type: 'button', class: 'button', id: 'privacy-export', on: { click: () => this.exportData() } },
      icon('file'), h('span', { text: t('privacy.export') }));
    this.eraseButton = h('button', { type: 'button', class: 'button danger', id: 'privacy-erase', on: { click: () => this.erase() } },
      icon('trash'), h('span', { text: t('privacy.erase') }));
    this.element = h('section', { class: 'card contact-privacy', id: 'contact-privacy', 'aria-labelledby': 'contact-privacy-title' },
      h('h2', { id: 'contact-privacy-title' }, icon('admin'), h('span', { text: t('privacy.title') })),
      h('p', { class: 'muted small', text: t('privacy.intro') }),
      this.status,
      h('div', { class: 'dialog-actions privacy-actions' }, this.exportButton, this.eraseButton));
  }

  show(contact) {
    this.contact = contact;
    this.status.hidden = true;
  }

  async exportData() {
    const contact = this.contact;
    if (!contact) return;
    this.status.hidden = true;
    this.exportButton.disabled = true;
    try {
      const blob = await this.api.gdprExport(contact.id);
      const name = `contact-${contact.id}-gdpr-export.zip`;
      saveBlob(blob, name);
      toast(t('privacy.exported', { name }));
    } catch (error) {
      this.status.textContent = privacyProblem(error);
      this.status.hidden = false;
    } finally {
      this.exportButton.disabled = false;
    }
  }

  async erase() {
    const contact = this.contact;
    if (!contact) return;
    const receipt = await eraseDialog(this.api, contact);
    if (receipt) this.onErased(contact, receipt);
    else this.eraseButton.focus();
  }
}

/** The erasure dialog; resolves with the server's receipt, or undefined when cancelled. */
function eraseDialog(api, contact) {
  const expected = confirmationText(contact);
  return modal(t('privacy.dialog.title'), (close) => {
    const reason = h('textarea', { id: 'privacy-reason', rows: '2', maxlength: 500, 'aria-describedby': 'privacy-reason-hint' });
    const reasonError = h('p', { class: 'field-error', id: 'privacy-reason-error', hidden: true });
    const typed = h('input', { type: 'text', id: 'privacy-confirm', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'privacy-confirm-hint' });
    const error = h('p', { class: 'form-error', id: 'privacy-erase-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'button danger', id: 'privacy-erase-submit', disabled: true, text: t('privacy.dialog.submit') });
    const matches = () => typed.value.trim() === expected;
    typed.addEventListener('input', () => { submit.disabled = !matches(); });
    const list = (kind, keys) => h('ul', { class: `privacy-list privacy-${kind}` }, keys.map((key) => h('li', { text: t(`privacy.${kind}.${key}`) })));
    const form = h('form', {
      class: 'dialog-body', id: 'privacy-erase-form', novalidate: true, on: {
        submit: async (e) => {
          e.preventDefault();
          error.hidden = true;
          reasonError.hidden = true;
          reason.removeAttribute('aria-invalid');
          if (!matches()) return;
          if (!reason.value.trim()) {
            reasonError.textContent = t('privacy.reason.empty');
            reasonError.hidden = false;
            reason.setAttribute('aria-invalid', 'true');
            reason.setAttribute('aria-describedby', 'privacy-reason-hint privacy-reason-error');
            reason.focus();
            return;
          }
          submit.disabled = true;
          try {
            close(await api.gdprErase(contact.id, reason.value.trim()));
          } catch (failure) {
            error.textContent = privacyProblem(failure);
            error.hidden = false;
            submit.disabled = !matches();
          }
        },
      },
    },
    h('p', { class: 'privacy-warning', text: t('privacy.dialog.warning', { name: expected }) }),
    h('h3', { text: t('privacy.erased.title') }), list('erased', ERASED),
    h('h3', { text: t('privacy.kept.title') }), list('kept', KEPT),
    h('div', { class: 'field' },
      h('label', { htmlFor: 'privacy-reason', text: t('privacy.reason') }), reason,
      h('p', { class: 'field-hint', id: 'privacy-reason-hint', text: t('privacy.reason.hint') }), reasonError),
    h('div', { class: 'field' },
      h('label', { htmlFor: 'privacy-confirm', text: t('privacy.confirm', { name: expected }) }), typed,
      h('p', { class: 'field-hint', id: 'privacy-confirm-hint', text: t('privacy.confirm.hint') })),
    error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', id: 'privacy-erase-cancel', text: t('dialog.cancel'), on: { click: () => close() } }), submit));
    setTimeout(() => reason.focus(), 0);
    return form;
  }, { wide: true });
}

/** The erased state: what the erasure did, and where the audit log records it. */
export function erasedCard(contact, receipt) {
  const rows = Object.values(receipt.rows || {}).reduce((sum, n) => sum + Number(n || 0), 0);
  const fact = (key, label, value) => h('div', { class: 'fact', dataset: { fact: key } }, h('dt', { text: label }), h('dd', { text: String(value) }));
  return h('section', { class: 'card contact-erased', id: 'contact-erased', 'aria-labelledby': 'contact-erased-title' },
    h('h2', { id: 'contact-erased-title', text: t('privacy.done.receipt') }),
    h('p', { role: 'status', text: t('privacy.done.text', { name: confirmationText(contact) }) }),
    h('dl', { class: 'facts' },
      fact('pseudonym', t('privacy.done.pseudonym'), receipt.pseudonym),
      fact('rows', t('privacy.done.rows'), rows),
      fact('files', t('privacy.done.files'), receipt.filesRemoved ?? 0),
      fact('redacted', t('privacy.done.redacted'), receipt.auditEntriesRedacted ?? 0)),
    h('p', { class: 'muted small', text: t('privacy.done.audit', { pseudonym: receipt.pseudonym }) }),
    h('div', { class: 'dialog-actions' },
      h('a', { href: '#/admin/audit', class: 'button', id: 'contact-erased-audit', text: t('privacy.done.auditLink') }),
      h('a', { href: '#/contacts', class: 'button', id: 'contact-erased-back', text: t('contact.back') })));
}
