// The chat sidebar's CRM card: the visitor's contact (stage and owner), a link to the contact's
// page, and "Mark as lead" (owner picked from the agents, and the stage), saved with
// PATCH /v1/contacts/{id}.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { toast } from './dialogs.js';
import { markLeadDialog } from './contact-dialogs.js';
import { AgentChoices, contactHref, stagePill } from './contact-common.js';

export class SidebarContact {
  /** @param {() => void} onChange called when a contact was read or changed (render again) */
  constructor(api, me, onChange) {
    Object.assign(this, { api, me, onChange });
    this.agents = new AgentChoices(api);
    this.contacts = new Map(); // contact id -> contact, or null when it cannot be read
  }

  async load(contactId) {
    if (!contactId || this.contacts.has(contactId)) return;
    this.contacts.set(contactId, undefined);
    try {
      this.contacts.set(contactId, await this.api.contact(contactId));
    } catch {
      this.contacts.set(contactId, null);
    }
    this.onChange();
  }

  card(contactId) {
    if (!contactId) return null;
    const contact = this.contacts.get(contactId);
    return h('section', { class: 'side-card', 'aria-labelledby': 'side-crm', id: 'side-crm-card' },
      h('h3', { id: 'side-crm' }, icon('user'), h('span', { text: t('sideCrm.title') })),
      contact ? h('p', { class: 'side-crm-facts' }, stagePill(contact.stage), ' ',
        h('span', { class: 'muted small', text: contact.owner ? t('sideCrm.owner', { name: contact.owner.name }) : t('contacts.noOwner') })) : null,
      h('div', { class: 'side-crm-actions' },
        h('a', { href: contactHref(contact?.id || contactId), class: 'button small', id: 'side-contact-link', text: t('sideCrm.open') }),
        this.me && contact ? h('button', { type: 'button', class: 'button small', id: 'side-mark-lead', on: { click: () => this.markLead(contact) } },
          h('span', { text: contact.stage === 'lead' ? t('sideCrm.changeLead') : t('sideCrm.markLead') })) : null));
  }

  async markLead(contact) {
    const agents = await this.agents.load();
    const saved = await markLeadDialog({ api: this.api, contact, agents, me: this.me });
    if (!saved) return;
    this.contacts.set(contact.id, saved);
    toast(t('sideCrm.marked', { stage: t(`stage.${saved.stage}`) }));
    this.onChange();
  }
}
