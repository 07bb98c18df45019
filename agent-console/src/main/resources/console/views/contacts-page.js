// The Contacts page: #/contacts lists contacts (contact-list.js), #/contacts/leads the leads by
// stage and owner, #/contacts/duplicates the likely duplicates to merge, #/contacts/{id} one
// contact (contact-view.js). The agents and the sites' contact fields are shared between them.

import { h, replace } from '../dom.js';
import { ContactList } from './contact-list.js';
import { ContactView } from './contact-view.js';
import { LeadsView } from './contact-leads.js';
import { DuplicatesView } from './contact-duplicates.js';
import { AgentChoices, SiteFields } from './contact-common.js';

export class ContactsPage {
  constructor({ api, me }) {
    const agents = new AgentChoices(api);
    this.fields = new SiteFields(api);
    this.sections = {
      '': new ContactList({ api, me, agents }),
      leads: new LeadsView({ api, me, agents }),
      duplicates: new DuplicatesView({ api }),
    };
    this.view = new ContactView({ api, me, agents, fields: this.fields });
    this.current = null;
    this.element = h('div', { class: 'contacts-host' });
  }

  /** '' for the list, 'leads', 'duplicates', or a contact id. */
  show(section) {
    const next = this.sections[section] || this.view;
    if (this.current !== next) {
      this.current?.hide();
      this.current = next;
      replace(this.element, next.element);
    }
    // The admin may have changed the fields meanwhile: read them again on each visit.
    if (next === this.view && this.view.id !== section) this.fields.forget();
    next.show(decodeURIComponent(section));
  }

  hide() {
    this.current?.hide();
    this.current = null;
  }
}
