// One contact (#/contacts/{id}): name, emails, phones, company, owner, stage, tags and custom
// attributes, edited in place (save or cancel; problems next to their field), notes, and the
// timeline (contact-timeline.js). An id merged into another contact shows the survivor with a
// notice naming the old id. Admins also get the personal data card (contact-privacy.js): the
// GDPR export and erasure; after an erasure the page shows what was erased.

import { h, replace, icon } from '../dom.js';
import { t, language } from '../i18n.js';
import { shortTime } from '../format.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';
import { ContactTimeline } from './contact-timeline.js';
import { ContactPrivacy, erasedCard } from './contact-privacy.js';
import { AttributeInputs, attributeFacts, fieldLabel } from './contact-attributes.js';
import { STAGES, stageName, stagePill, contactName, companyHref, contactProblem } from './contact-common.js';

const EDITABLE = ['name', 'email', 'phone', 'otherEmails', 'otherPhones', 'companyId', 'ownerId', 'stage', 'tags'];

export class ContactView {
  constructor({ api, me, agents, fields }) {
    Object.assign(this, { api, me, agents, fields });
    this.id = null;
    this.contact = null;
    this.siteFields = [];
    this.companies = [];
    this.notice = h('p', { class: 'notice merged-notice', id: 'contact-merged', role: 'status', hidden: true });
    this.error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    this.head = h('header', { class: 'contact-head' });
    this.facts = h('dl', { class: 'facts contact-facts', id: 'contact-facts' });
    this.editButton = h('button', { type: 'button', class: 'button', id: 'contact-edit', on: { click: () => this.edit() } }, h('span', { text: t('contact.edit') }));
    this.form = new FieldForm('contact', [
      { key: 'name', label: t('contact.name'), type: 'text', max: 200 },
      { key: 'email', label: t('contact.email'), type: 'email' },
      { key: 'phone', label: t('contact.phone'), type: 'text' },
      { key: 'otherEmails', label: t('contact.otherEmails'), hint: t('contact.listHint'), type: 'list' },
      { key: 'otherPhones', label: t('contact.otherPhones'), hint: t('contact.listHint'), type: 'list' },
      { key: 'companyId', label: t('contact.company'), type: 'select', options: [], aliases: ['company'] },
      { key: 'ownerId', label: t('contact.owner'), type: 'select', options: [], aliases: ['owner'] },
      { key: 'stage', label: t('contact.stage'), type: 'select', options: STAGES.map((s) => [s, stageName(s)]) },
      { key: 'tags', label: t('contact.tags'), hint: t('contact.listHint'), type: 'list' },
    ]);
    this.attributes = new AttributeInputs([]);
    this.attributeHost = h('div', { class: 'attribute-host' });
    this.editor = h('form', { class: 'contact-editor', id: 'contact-form', novalidate: true, hidden: true, 'aria-labelledby': 'contact-details-title', on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      this.form.element, this.attributeHost, this.form.formError,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', id: 'contact-cancel', text: t('dialog.cancel'), on: { click: () => this.cancel() } }),
        h('button', { type: 'submit', class: 'button primary', id: 'contact-save', text: t('contact.save') })));
    this.editor.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.cancel();
      }
    });
    this.noteText = h('textarea', { id: 'contact-note-text', rows: '2', maxlength: 8000 });
    this.noteError = h('p', { class: 'field-error', id: 'contact-note-error', hidden: true });
    this.notes = h('ul', { class: 'contact-notes', id: 'contact-notes' });
    this.noteBodies = new Map();
    this.timeline = new ContactTimeline(api, {
      noteBody: (id) => this.noteBodies.get(String(id)),
      agentName: (id) => this.agents.agents.find((a) => a.id === id)?.name,
      fieldLabel: (key) => {
        const field = this.siteFields.find((f) => f.key === key);
        return field ? fieldLabel(field) : key;
      },
    });
    // Only admins export and erase personal data (the server's rule): agents never see the card.
    this.privacy = me.role === 'admin' ? new ContactPrivacy(api, (contact, receipt) => this.showErased(contact, receipt)) : null;
    this.erased = new Map();
    this.erasedHost = h('div', { class: 'contact-erased-host' });
    this.grid = h('div', { class: 'contact-grid' },
      h('div', { class: 'contact-column' },
        h('section', { class: 'card', 'aria-labelledby': 'contact-details-title' },
          h('div', { class: 'card-head' }, h('h2', { id: 'contact-details-title', text: t('contact.details') }), this.editButton),
          this.facts, this.editor),
        h('section', { class: 'card', 'aria-labelledby': 'contact-notes-title' },
          h('h2', { id: 'contact-notes-title' }, icon('note'), h('span', { text: t('contact.notes') })),
          h('form', { class: 'contact-note-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.addNote(); } } },
            h('label', { htmlFor: 'contact-note-text', text: t('contact.note.label') }), this.noteText, this.noteError,
            h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button', id: 'contact-note-add', text: t('contact.note.add') }))),
          this.notes),
        this.privacy?.element),
      this.timeline.element);
    this.element = h('div', { class: 'contact-page', lang: language() },
      h('a', { href: '#/contacts', class: 'back-link', id: 'contact-back' }, icon('back'), h('span', { text: t('contact.back') })),
      this.notice, this.error, this.head, this.erasedHost, this.grid);
  }

  show(id) {
    if (id !== this.id) {
      this.id = id;
      this.contact = null;
      this.editor.hidden = true;
      replace(this.head, h('h1', { id: 'contact-title', text: t('contact.loading') }));
      replace(this.facts);
      replace(this.notes);
    }
    if (this.erased.has(id)) return this.showErased(...this.erased.get(id));
    this.grid.hidden = false;
    replace(this.erasedHost);
    this.load();
  }

  /** The erased state: the contact is gone, the receipt says what went and where it is recorded. */
  showErased(contact, receipt) {
    this.erased.set(this.id, [contact, receipt]);
    this.contact = null;
    this.notice.hidden = true;
    this.error.hidden = true;
    this.grid.hidden = true;
    replace(this.head, h('h1', { id: 'contact-title', tabIndex: -1, text: t('privacy.done.title') }));
    replace(this.erasedHost, erasedCard(contact, receipt));
    this.head.firstChild.focus();
  }

  hide() {}

  async load() {
    const id = this.id;
    let contact;
    try {
      contact = await this.api.contact(id);
    } catch (error) {
      if (id !== this.id) return;
      this.error.textContent = contactProblem(error);
      this.error.hidden = false;
      replace(this.head, h('h1', { id: 'contact-title', text: t('contact.notFound') }));
      return;
    }
    if (id !== this.id) return;
    this.error.hidden = true;
    this.siteFields = await this.fields.of(contact.siteId);
    this.render(contact);
    this.privacy?.show(contact);
    await Promise.all([this.loadNotes(), this.agents.load()]);
    this.timeline.show(contact);
  }

  render(contact) {
    this.contact = contact;
    this.notice.hidden = !contact.redirectedFrom;
    this.notice.textContent = contact.redirectedFrom ? t('contact.mergedNotice', { old: contact.redirectedFrom, name: contactName(contact) }) : '';
    replace(this.head,
      h('h1', { id: 'contact-title', text: contactName(contact) }),
      h('div', { class: 'contact-head-meta' }, stagePill(contact.stage),
        (contact.tags || []).map((tag) => h('span', { class: 'tag', text: tag }))));
    const list = (values) => (values || []).filter(Boolean).join(', ') || '—';
    replace(this.facts,
      fact('email', t('contact.email'), list([contact.email, ...(contact.otherEmails || [])])),
      fact('phone', t('contact.phone'), list([contact.phone, ...(contact.otherPhones || [])])),
      h('div', { class: 'fact', dataset: { fact: 'company' } }, h('dt', { text: t('contact.company') }),
        h('dd', {}, contact.company ? h('a', { href: companyHref(contact.company.id), text: contact.company.name }) : '—')),
      fact('owner', t('contact.owner'), contact.owner?.name || t('contact.noOwner')),
      fact('stage', t('contact.stage'), stageName(contact.stage)),
      fact('tags', t('contact.tags'), list(contact.tags)),
      attributeFacts(this.siteFields, contact.attributes),
      fact('source', t('contact.source'), t(`contact.sourceKind.${contact.source}`) === `contact.sourceKind.${contact.source}` ? String(contact.source || '—') : t(`contact.sourceKind.${contact.source}`)),
      fact('updated', t('contact.updated'), shortTime(contact.updatedAt) || '—'));
  }

  async edit() {
    const contact = this.contact;
    if (!contact) return;
    const [agents, companies] = await Promise.all([this.agents.load(), this.loadCompanies(contact.siteId)]);
    this.form.setOptions('companyId', [['', t('contact.noCompany')], ...companies.map((c) => [c.id, c.name])]);
    this.form.setOptions('ownerId', [['', t('contact.noOwner')], ...agents.map((a) => [a.id, a.name])]);
    this.form.set({ ...contact, companyId: contact.company?.id || '', ownerId: contact.owner?.id || '' });
    this.attributes = new AttributeInputs(this.siteFields);
    this.attributes.set(contact.attributes);
    replace(this.attributeHost, this.siteFields.length ? h('h3', { text: t('contact.attributes') }) : null, this.attributes.element);
    this.editor.hidden = false;
    this.facts.hidden = true;
    this.editButton.hidden = true;
    this.form.inputs.name.focus();
  }

  async loadCompanies(siteId) {
    try {
      const answer = await this.api.companies(new URLSearchParams({ site: siteId || '', limit: '200' }).toString());
      this.companies = answer?.companies || [];
    } catch {
      this.companies = this.contact?.company ? [this.contact.company] : [];
    }
    return this.companies;
  }

  cancel() {
    this.editor.hidden = true;
    this.facts.hidden = false;
    this.editButton.hidden = false;
    this.form.clearErrors();
    this.editButton.focus();
  }

  /** Sends only what changed; the server records it in the contact's history. */
  async save() {
    const values = this.form.values();
    const attributes = this.attributes.values();
    if (!values || !attributes) return;
    const contact = this.contact;
    const current = { ...contact, companyId: contact.company?.id || '', ownerId: contact.owner?.id || '' };
    const body = {};
    for (const key of EDITABLE) {
      const before = current[key] ?? (Array.isArray(values[key]) ? [] : '');
      if (JSON.stringify(values[key]) !== JSON.stringify(before)) body[key] = values[key] === '' ? null : values[key];
    }
    const changedAttributes = Object.fromEntries(Object.entries(attributes).filter(([key, value]) => (contact.attributes?.[key] ?? null) !== value));
    if (Object.keys(changedAttributes).length) body.attributes = { ...(contact.attributes || {}), ...changedAttributes };
    if (!Object.keys(body).length) return this.cancel();
    try {
      const saved = await this.api.updateContact(contact.id, body);
      this.cancel();
      this.render(saved);
      toast(t('contact.saved'));
      this.timeline.show(saved);
    } catch (error) {
      if (error?.status === 400 && this.attributes.showServerError(error.message)) return;
      this.form.showServerError(error?.status === 400 ? error : contactProblem(error));
    }
  }

  async loadNotes() {
    const id = this.contact.id;
    let notes;
    try {
      notes = await this.api.contactNotes(id);
    } catch {
      notes = null;
    }
    if (this.contact?.id !== id) return;
    const list = Array.isArray(notes) ? notes : notes?.notes;
    for (const note of list || []) this.noteBodies.set(String(note.id), note.body);
    replace(this.notes, list?.length ? list.map((note) => h('li', { class: 'contact-note' },
      h('p', { class: 'ctl-text', text: note.body }),
      h('p', { class: 'muted small', text: `${note.author?.name || note.authorName || ''} · ${shortTime(note.createdAt)}` })))
      : h('li', { class: 'muted small', text: list ? t('contact.note.none') : t('contact.note.unavailable') }));
  }

  async addNote() {
    const body = this.noteText.value.trim();
    this.noteError.hidden = true;
    this.noteText.removeAttribute('aria-invalid');
    if (!body) {
      this.noteError.textContent = t('contact.note.empty');
      this.noteError.hidden = false;
      this.noteText.setAttribute('aria-invalid', 'true');
      this.noteText.setAttribute('aria-describedby', 'contact-note-error');
      this.noteText.focus();
      return;
    }
    try {
      await this.api.addContactNote(this.contact.id, body);
      this.noteText.value = '';
      toast(t('contact.note.added'));
      await this.loadNotes();
      this.timeline.show(this.contact);
    } catch (error) {
      this.noteError.textContent = contactProblem(error);
      this.noteError.hidden = false;
    }
  }
}

function fact(key, label, value) {
  return h('div', { class: 'fact', dataset: { fact: key } }, h('dt', { text: label }), h('dd', { text: value }));
}
