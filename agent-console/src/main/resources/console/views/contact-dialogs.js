// The contact dialogs: a new contact, marking a chat's visitor as a lead (owner and stage), and
// merging two duplicates (choose the survivor, then confirm). Problems the server names by field
// are shown next to that field, others under the form.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { modal } from './dialogs.js';
import { formDialog } from './ticket-dialogs.js';
import { STAGES, stageName, contactName, contactProblem } from './contact-common.js';

/** The sites the agent's queues belong to, as [id, id] choices. */
async function siteChoices(api) {
  try {
    const queues = (await api.queues()) || [];
    return [...new Set(queues.map((q) => q.siteId).filter(Boolean))].map((id) => [id, id]);
  } catch {
    return [];
  }
}

/** A new contact made by staff. Resolves with the contact. */
export async function createContactDialog({ api }) {
  const sites = await siteChoices(api);
  const fields = [
    sites.length > 1 ? { key: 'siteId', label: t('contact.site'), type: 'select', options: sites, initial: sites[0][0] } : null,
    { key: 'name', label: t('contact.name'), type: 'text', required: true, max: 200 },
    { key: 'email', label: t('contact.email'), type: 'email' },
    { key: 'phone', label: t('contact.phone'), type: 'text' },
  ].filter(Boolean);
  return formDialog(t('contacts.newTitle'), 'new-contact', fields, t('contacts.create'), (values) => {
    const body = { siteId: values.siteId || sites[0]?.[0], name: values.name };
    if (values.email) body.email = values.email;
    if (values.phone) body.phone = values.phone;
    return api.createContact(body);
  }, { wide: false, problem: contactProblem });
}

/** Marks a contact as a lead (or another stage) with an owner. Resolves with the contact. */
export function markLeadDialog({ api, contact, agents, me }) {
  const owners = [['', t('contact.noOwner')], [me.userId, t('contacts.me', { name: me.name })],
    ...agents.filter((a) => a.id !== me.userId).map((a) => [a.id, a.name])];
  const fields = [
    { key: 'ownerId', label: t('lead.owner'), type: 'select', options: owners, initial: contact.owner?.id || me.userId },
    { key: 'stage', label: t('lead.stage'), type: 'select', options: STAGES.map((s) => [s, stageName(s)]), initial: 'lead' },
  ];
  return formDialog(t('lead.title', { name: contactName(contact) }), 'mark-lead', fields, t('lead.submit'),
    (values) => api.updateContact(contact.id, { stage: values.stage, ownerId: values.ownerId || null }),
    { wide: false, problem: contactProblem });
}

/** Merges a pair: the agent picks the survivor, then confirms. Resolves with the survivor. */
export function mergeDialog({ api, pair }) {
  return modal(t('cmerge.title'), (close) => {
    const choice = (contact, index) => h('label', { class: 'merge-choice' },
      h('input', { type: 'radio', name: 'merge-survivor', value: String(index), checked: index === 0, id: `merge-survivor-${index}` }),
      h('span', { class: 'merge-choice-body' },
        h('strong', { text: contactName(contact) }),
        h('span', { class: 'muted small', text: [contact.email, contact.phone, stageName(contact.stage)].filter(Boolean).join(' · ') }),
        h('span', { class: 'muted small', text: t('cmerge.created', { when: String(contact.createdAt || '').slice(0, 10) }) })));
    const both = [pair.a, pair.b];
    const confirm = h('input', { type: 'checkbox', id: 'merge-confirm' });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'button danger', id: 'merge-submit', text: t('cmerge.submit') });
    const form = h('form', {
      class: 'dialog-body', id: 'merge-form', novalidate: true, on: {
        submit: async (e) => {
          e.preventDefault();
          error.hidden = true;
          const survivor = both[Number(form.querySelector('input[name=merge-survivor]:checked').value)];
          const merged = both.find((c) => c !== survivor);
          if (!confirm.checked) {
            error.textContent = t('cmerge.confirmFirst');
            error.hidden = false;
            confirm.focus();
            return;
          }
          submit.disabled = true;
          try {
            close(await api.mergeContact(survivor.id, merged.id));
          } catch (failure) {
            error.textContent = contactProblem(failure);
            error.hidden = false;
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    h('p', { text: t('cmerge.reason', { reason: t(`dupes.reason.${pair.reason}`), value: pair.value || '' }) }),
    h('fieldset', { class: 'merge-choices' }, h('legend', { text: t('cmerge.survivor') }), both.map(choice)),
    h('label', { class: 'choice', htmlFor: 'merge-confirm' }, confirm, h('span', { text: t('cmerge.confirm') })),
    error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button', text: t('dialog.cancel'), on: { click: () => close() } }), submit));
    return form;
  }, { wide: true });
}
