// The sites tab's card for files: the largest file and the most a message may carry (in MB,
// sent to the server in bytes) and the types visitors and staff may send (content types such as
// image/png or image/*, found from a file's bytes, never its name). PUT and GET
// /v1/admin/sites/{id}/attachments; the server's refusals show beside the field they name.

import { t } from '../i18n.js';
import { FieldForm } from './field-form.js';
import { toast } from './dialogs.js';
import { siteCardForm, showSiteCard } from './site-card.js';

const MB = 1024 * 1024;

/** 10485760 → "10"; 1572864 → "1.5": bytes as megabytes, at most two decimals. */
export function megabytes(bytes) {
  return typeof bytes === 'number' ? String(Math.round((bytes / MB) * 100) / 100) : '';
}

/** "1.5" → 1572864; NaN when the text is not a positive number of megabytes. */
export function bytesOf(text) {
  const value = String(text || '').trim().replace(',', '.');
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(value) || Number(value) <= 0) return NaN;
  return Math.round(Number(value) * MB);
}

export class FilesPanel {
  constructor(api) {
    this.api = api;
    this.site = null;
    this.form = new FieldForm('files', [
      { key: 'maxFile', label: t('files.maxFile'), hint: t('files.maxFile.hint'), type: 'text', required: true, aliases: ['maxFileBytes'] },
      { key: 'maxMessage', label: t('files.maxMessage'), type: 'text', required: true, aliases: ['maxMessageBytes'] },
      { key: 'allowedTypes', label: t('files.types'), hint: t('files.types.hint'), type: 'list', aliases: ['allowedTypes'] },
    ]);
    for (const key of ['maxFile', 'maxMessage']) this.form.inputs[key].setAttribute('inputmode', 'decimal');
    this.element = siteCardForm('files', {
      title: t('files.title'), intro: t('files.intro'), saveLabel: t('files.save'), form: this.form, onSave: () => this.save(),
    });
  }

  /** Shows the card for `site`, or hides it for a site not created yet. */
  show(site) {
    return showSiteCard(this, site, (id) => this.api.siteFiles(id));
  }

  render(rules) {
    this.form.set({ maxFile: megabytes(rules.maxFileBytes), maxMessage: megabytes(rules.maxMessageBytes), allowedTypes: rules.allowedTypes });
  }

  async save() {
    const values = this.form.values();
    if (!values) return;
    const maxFileBytes = bytesOf(values.maxFile);
    const maxMessageBytes = bytesOf(values.maxMessage);
    let ok = true;
    if (Number.isNaN(maxFileBytes)) ok = this.form.fail('maxFile', t('files.notMegabytes'));
    if (Number.isNaN(maxMessageBytes)) ok = this.form.fail('maxMessage', t('files.notMegabytes')) && ok;
    if (!ok) return;
    try {
      this.render(await this.api.setSiteFiles(this.site.id, { maxFileBytes, maxMessageBytes, allowedTypes: values.allowedTypes }));
      toast(t('files.saved', { name: this.site.name }));
    } catch (error) {
      this.form.showServerError(error);
    }
  }
}
