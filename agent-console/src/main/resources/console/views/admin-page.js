// The admin page (admins only; the server refuses everyone else): a row of section links
// (#/admin for queues and agents, #/admin/sites, ...) above the chosen section. Each section is
// a view with show() and hide(), built the first time it is opened.

import { h, replace } from '../dom.js';
import { t, language } from '../i18n.js';
import { AdminView } from './admin.js';
import { SitesView } from './admin-sites.js';
import { UsersView } from './admin-users.js';
import { TeamsView } from './admin-teams.js';
import { AuditView } from './admin-audit.js';
import { SlaPoliciesView } from './admin-sla.js';
import { MailAddressesView } from './admin-mail.js';
import { ContactFieldsView } from './admin-contact-fields.js';
import { ExchangeView } from './admin-exchange.js';
import { CampaignsView } from './admin-campaigns.js';
import { MaintenanceView } from './admin-maintenance.js';
import { ComplianceView } from './admin-compliance.js';
import { WebhooksView } from './admin-webhooks.js';

const SECTIONS = [
  ['queues', '#/admin', (api) => new AdminView(api)],
  ['sites', '#/admin/sites', (api) => new SitesView(api)],
  ['users', '#/admin/users', (api) => new UsersView(api)],
  ['teams', '#/admin/teams', (api) => new TeamsView(api)],
  ['sla', '#/admin/sla', (api) => new SlaPoliciesView(api)],
  ['mail', '#/admin/mail', (api) => new MailAddressesView(api)],
  ['contactFields', '#/admin/contactFields', (api) => new ContactFieldsView(api)],
  ['campaigns', '#/admin/campaigns', (api) => new CampaignsView(api)],
  ['audit', '#/admin/audit', (api) => new AuditView(api)],
  ['exchange', '#/admin/exchange', (api) => new ExchangeView(api)],
  ['maintenance', '#/admin/maintenance', (api) => new MaintenanceView(api)],
  ['compliance', '#/admin/compliance', (api) => new ComplianceView(api)],
  ['webhooks', '#/admin/webhooks', (api) => new WebhooksView(api)],
];

export class AdminPage {
  constructor(api) {
    this.api = api;
    this.views = {};
    this.current = null;
    this.links = SECTIONS.map(([name, href]) => h('a', { href, class: 'tab-link', dataset: { section: name }, text: t(`adminTabs.${name}`) }));
    this.body = h('div', { class: 'admin-section' });
    this.element = h('div', { class: 'admin-tabs-page', lang: language() },
      h('nav', { class: 'tab-links', 'aria-label': t('adminTabs.label') }, this.links), this.body);
  }

  /** Shows the section the rest of the address names ('' or unknown: queues and agents). */
  show(section) {
    const entry = SECTIONS.find(([name]) => name === section) || SECTIONS[0];
    const [name, , create] = entry;
    if (this.current === name) return;
    this.views[this.current]?.hide();
    this.current = name;
    this.views[name] ||= create(this.api);
    for (const link of this.links) {
      if (link.dataset.section === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    replace(this.body, this.views[name].element);
    this.views[name].show();
  }

  hide() {
    this.views[this.current]?.hide();
    this.current = null;
  }
}
