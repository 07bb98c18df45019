// The sites tab's card for data retention: whether old closed chats and solved or closed tickets
// are removed, after how many days, and whether they are deleted or anonymised. GET and PUT
// /v1/admin/sites/{id}/retention; the server's refusals show beside the field they name.

import { t } from '../i18n.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';
import { siteCardForm, showSiteCard } from './site-card.js';

export class RetentionPanel {
  constructor(api) {
    this.api = api;
    this.site = null;
    this.form = new FieldForm('retention', [
      { key: 'enabled', label: t('retention.enabled'), type: 'checkbox' },
      { key: 'days', label: t('retention.days'), hint: t('retention.days.hint'), type: 'text', required: true },
      { key: 'mode', label: t('retention.mode'), type: 'select', options: [['delete', t('retention.mode.delete')], ['anonymise', t('retention.mode.anonymise')]] },
    ]);
    this.form.inputs.days.setAttribute('inputmode', 'numeric');
    this.element = siteCardForm('retention', {
      title: t('retention.title'), intro: t('retention.intro'), saveLabel: t('retention.save'), form: this.form, onSave: () => this.save(),
    });
  }

  /** Shows the card for `site`, or hides it for a site not created yet. */
  show(site) {
    return showSiteCard(this, site, (id) => this.api.siteRetention(id));
  }

  render(setting) {
    this.form.set({ enabled: setting.enabled, days: String(setting.days), mode: setting.mode });
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const days = String(values.days).trim();
    if (!/^\d{1,5}$/.test(days) || Number(days) < 1 || Number(days) > 36500) {
      this.form.fail('days', t('retention.notDays'));
      return;
    }
    try {
      this.render(await this.api.setSiteRetention(this.site.id, { enabled: values.enabled, days: Number(days), mode: values.mode }));
      toast(t('retention.saved', { name: this.site.name }));
    } catch (error) {
      this.form.showServerError(error);
    }
  }
}
