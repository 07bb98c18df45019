// The files a composer is about to send: an attach button (a file picker), files dropped onto the
// composer and files or images pasted into its text. Each file starts uploading at once and shows
// its progress; it can be removed before sending, and a refused or failed upload stays in the
// tray with its reason (too large, a type not allowed, ...) and a retry, never dropped silently.
// The composer sends only when every file is uploaded (ready()), with their ids.

import { h, replace, icon } from '../dom.js';
import { t } from '../i18n.js';
import { uploadFile, fileSize } from '../attachments.js';
import { uuid } from '../../widget/common/conversation.js';
import { acceptDroppedFiles, acceptPastedFiles } from '../../widget/common/file-input.js';

export class AttachmentTray {
  /**
   * @param {string} idPrefix prefix of element ids ('chat', 'ticket')
   * @param {{site: () => string | null, onChange?: () => void}} options `site` names the site whose
   *     limits apply to the next upload
   */
  constructor(idPrefix, { site, onChange = () => {} }) {
    this.site = site;
    this.onChange = onChange;
    this.items = [];
    this.sets = new Map(); // the files of each conversation the tray was used for (use())
    this.key = null;
    this.input = h('input', { type: 'file', multiple: true, id: `${idPrefix}-file`, hidden: true });
    this.input.addEventListener('change', () => {
      this.add([...this.input.files]);
      this.input.value = '';
    });
    this.button = h('button', {
      type: 'button', class: 'icon-button attach-button', id: `${idPrefix}-attach`, 'aria-label': t('attach.button'), title: t('attach.button'),
      on: { click: () => this.input.click() },
    }, icon('attach'));
    this.list = h('ul', { class: 'attach-tray', id: `${idPrefix}-tray`, 'aria-label': t('attach.tray'), hidden: true });
  }

  /** Accepts files dropped on `zone` and files pasted into `textarea`. */
  bind(zone, textarea) {
    acceptDroppedFiles(zone, 'drop-target', (files) => this.add(files));
    acceptPastedFiles(textarea, (files) => this.add(files));
  }


  add(files) {
    for (const file of files) {
      const item = { key: uuid(), file, state: 'uploading', progress: 0, attachment: null, error: null };
      this.items.push(item);
      this.start(item);
    }
    this.render();
  }

  start(item) {
    item.state = 'uploading';
    item.error = null;
    item.progress = 0;
    item.upload = uploadFile(item.file, {
      uploadId: item.key, site: this.site(),
      onProgress: (fraction) => {
        item.progress = fraction;
        if (item.bar) item.bar.value = fraction;
      },
    });
    item.upload.then((attachment) => {
      item.state = 'done';
      item.attachment = attachment;
    }, (error) => {
      if (!this.items.includes(item)) return;
      item.state = 'failed';
      item.error = uploadError(error);
      item.retryable = ![413, 415].includes(error?.status);
    }).finally(() => this.render());
  }

  remove(item) {
    if (item.state === 'uploading') item.upload.abort();
    this.items = this.items.filter((other) => other !== item);
    this.render();
    this.button.focus();
  }

  /** Switches to the files of `key` (a conversation), keeping those of the one left. */
  use(key) {
    if (key === this.key) return;
    if (this.items.length) this.sets.set(this.key, this.items);
    else this.sets.delete(this.key);
    this.key = key;
    this.items = this.sets.get(key) || [];
    this.render();
  }

  /** Forgets the files of `key` (they went out with a message sent from another view). */
  drop(key) {
    if (key === this.key) this.clear();
    else this.sets.delete(key);
  }

  /** True when nothing is attached. */
  get empty() {
    return this.items.length === 0;
  }

  /** Resolves when no upload is running any more: with the ids, or null when one failed. */
  async ready() {
    while (this.items.some((item) => item.state === 'uploading')) {
      await Promise.allSettled(this.items.map((item) => item.upload));
    }
    return this.items.some((item) => item.state === 'failed') ? null : this.items.map((item) => item.attachment.id);
  }

  /** Empties the tray (after the message with its files went out). */
  clear() {
    this.items = [];
    this.render();
  }

  render() {
    this.list.hidden = !this.items.length;
    replace(this.list, this.items.map((item) => this.row(item)));
    this.onChange();
  }

  row(item) {
    const name = item.file.name;
    item.bar = item.state === 'uploading'
      ? h('progress', { max: '1', value: String(item.progress), 'aria-label': t('attach.uploading', { name }) }) : null;
    return h('li', { class: `attach-item attach-${item.state}`, dataset: { state: item.state, name } },
      icon(item.file.type?.startsWith('image/') ? 'image' : 'file'),
      h('span', { class: 'attach-name', text: name }),
      h('span', { class: 'attach-size muted', text: fileSize(item.file.size) }),
      item.bar,
      h('button', {
        type: 'button', class: 'icon-button attach-remove', 'aria-label': t('attach.remove', { name }), title: t('attach.remove', { name }),
        on: { click: () => this.remove(item) },
      }, icon('x')),
      item.state === 'failed' ? h('span', { class: 'attach-error', role: 'alert', text: item.error }) : null,
      item.state === 'failed' && item.retryable ? h('button', { type: 'button', class: 'link-button', text: t('attach.retry'), on: { click: () => { this.start(item); this.render(); } } }) : null);
  }
}

/** What went wrong with an upload, in the console's language. */
export function uploadError(error) {
  // The server names the limit ("... (10485760 bytes)") and the type it found ("files of type
  // text/html are not accepted ..."); either is said in the console's language when present.
  const limit = /\((\d+) bytes\)/.exec(error?.message || '')?.[1];
  const type = /files of type (\S+) are/.exec(error?.message || '')?.[1];
  if (error?.status === 413) return limit ? t('attach.tooLargeLimit', { size: fileSize(limit) }) : t('attach.tooLarge');
  if (error?.status === 415) return type ? t('attach.badTypeNamed', { type }) : t('attach.badType');
  if (error?.status === 0) return t('attach.offline');
  return t('attach.failed', { reason: error?.message || String(error) });
}
