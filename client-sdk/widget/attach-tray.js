// The files a composer is about to send (the chat's and a ticket reply's): an attach button with a
// file picker, files dropped onto a zone and files or images pasted into the text. Each file starts
// uploading at once with its progress shown, and can be removed before sending. A refused file
// says why (too large with the limit, a type not allowed); an interrupted upload is retried with
// the same upload id when the network is back, or on the visitor's Retry. ready() waits for the
// uploads and gives the files to send. The chat's tray is kept in the site storage: after a reload
// its uploaded files are still there, and one that was still uploading is shown as not uploaded.

import { t, language } from './i18n.js';
import { h, icon, ICONS, clear } from './dom.js';
import { uuid } from './common/client.js';
import { acceptDroppedFiles, acceptPastedFiles } from './common/file-input.js';
import { uploadFile, fileSize, limitOf, typeOf } from './uploads.js';

export class AttachTray {
  /**
   * @param {string} idPrefix prefix of element ids ('sb-chat', 'sb-tk')
   * @param {{baseUrl: string, token: () => Promise<string>, storage?: {load, save}}} options
   *     `storage` keeps the tray's files across a reload
   */
  constructor(idPrefix, { baseUrl, token, storage = null }) {
    this.idPrefix = idPrefix;
    this.baseUrl = baseUrl;
    this.token = token;
    this.storage = storage;
    this.items = (storage ? storage.load() : []).filter((saved) => saved && saved.key && saved.name)
      .map((saved) => (saved.attachment ? { ...saved, state: 'done' }
        : { ...saved, state: 'failed', errorKey: 'attach.interrupted', retryable: false }));
    this.onChange = () => {};
    window.addEventListener('online', () => this.retryInterrupted());
  }

  /** The attach button, its file input and the list of files, for a composer drawn now. */
  controls() {
    const input = h('input', { type: 'file', multiple: true, id: this.idPrefix + '-file', hidden: true });
    input.addEventListener('change', () => {
      this.add([...input.files]);
      input.value = '';
    });
    this.button = h('button', { type: 'button', class: 'sb-attach', id: this.idPrefix + '-attach',
      'aria-label': t('attach.button'), title: t('attach.button'), on: { click: () => input.click() } },
    icon(ICONS.clip, { size: 18 }));
    this.list = h('ul', { class: 'sb-tray', id: this.idPrefix + '-tray', 'aria-label': t('attach.tray') });
    this.status = h('p', { class: 'sb-visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.render();
    return { input, button: this.button, list: this.list, status: this.status };
  }

  /** Accepts files dropped on `zone`. */
  bindDrop(zone) {
    acceptDroppedFiles(zone, 'sb-drop-target', (files) => this.add(files));
  }

  /** Accepts files and images pasted into `textarea`. */
  bindPaste(textarea) {
    acceptPastedFiles(textarea, (files) => this.add(files));
  }

  add(files) {
    for (const file of files) {
      const item = { key: uuid(), file, name: file.name || 'file', size: file.size, type: file.type, state: 'uploading' };
      this.items.push(item);
      this.start(item);
    }
    this.changed();
  }

  start(item) {
    Object.assign(item, { state: 'uploading', progress: 0, error: null, retryable: false });
    item.upload = uploadFile(this.baseUrl, this.token, item.file, { uploadId: item.key,
      onProgress: (fraction) => {
        item.progress = fraction;
        if (item.bar) item.bar.value = fraction;
      } });
    item.upload.then((attachment) => {
      item.state = 'done';
      item.attachment = attachment;
      this.say(t('attach.uploaded', { name: item.name }));
    }, (error) => {
      if (!this.items.includes(item)) return;
      item.state = 'failed';
      item.status = error && error.status;
      item.error = uploadError(error, item);
      item.retryable = ![413, 415, 400].includes(item.status);
      this.say(item.error);
    }).finally(() => this.changed());
  }

  /** Uploads cut off by the network start again (same upload id: never stored twice). */
  retryInterrupted() {
    const cut = this.items.filter((item) => item.state === 'failed' && item.retryable && item.file && item.status === 0);
    cut.forEach((item) => this.start(item));
    if (cut.length) this.changed();
  }

  remove(item) {
    if (item.state === 'uploading' && item.upload) item.upload.abort();
    this.items = this.items.filter((other) => other !== item);
    this.changed();
    this.say(t('attach.removed', { name: item.name }));
    if (this.button && this.button.isConnected) this.button.focus();
  }

  get empty() {
    return this.items.length === 0;
  }

  get uploading() {
    return this.items.some((item) => item.state === 'uploading');
  }

  /** Resolves when no upload runs any more: with the files to send, or null when one failed. */
  async ready() {
    while (this.uploading) {
      await Promise.allSettled(this.items.map((item) => item.upload));
    }
    return this.items.some((item) => item.state !== 'done') ? null : this.items.map((item) => item.attachment);
  }

  /** Empties the tray (its files went out with a message). */
  clear() {
    this.items = [];
    this.changed();
  }

  say(text) {
    if (this.status) this.status.textContent = text;
  }

  changed() {
    if (this.storage) {
      this.storage.save(this.items.map(({ key, name, size, type, state, attachment }) =>
        ({ key, name, size, type, attachment: state === 'done' ? attachment : null })));
    }
    this.render();
    this.onChange();
  }

  render() {
    if (!this.list) return;
    clear(this.list);
    this.list.hidden = !this.items.length;
    this.list.append(...this.items.map((item) => this.row(item)));
  }

  row(item) {
    const name = item.name;
    item.bar = item.state === 'uploading'
      ? h('progress', { max: '1', value: String(item.progress || 0), 'aria-label': t('attach.uploading', { name }) }) : null;
    const remove = h('button', { type: 'button', class: 'sb-tray-remove', 'aria-label': t('attach.remove', { name }),
      title: t('attach.remove', { name }), on: { click: () => this.remove(item) } }, icon(ICONS.close, { size: 14 }));
    return h('li', { class: 'sb-tray-item sb-tray-item--' + item.state, dataset: { state: item.state, name } },
      icon((item.type || '').startsWith('image/') ? ICONS.image : ICONS.file, { size: 16 }),
      h('span', { class: 'sb-tray-name', dir: 'auto', text: name }),
      h('span', { class: 'sb-tray-size', text: fileSize(item.size, language()) }),
      item.bar, remove,
      item.state === 'failed' ? h('span', { class: 'sb-tray-error', text: item.error || t(item.errorKey) }) : null,
      item.state === 'failed' && item.retryable && item.file ? h('button', { type: 'button', class: 'sb-link sb-tray-retry',
        text: t('chat.retry'), on: { click: () => { this.start(item); this.changed(); } } }) : null);
  }
}

/** Why an upload did not make it, in the visitor's language. */
function uploadError(error, item) {
  const status = error && error.status;
  if (status === 413) {
    const limit = limitOf(error.message);
    return limit ? t('attach.tooLargeLimit', { limit: fileSize(limit, language()) }) : t('attach.tooLarge');
  }
  if (status === 415) return t('attach.badType', { type: typeOf(error.message) || item.type || '?' });
  if (status === 0) return t('attach.offline');
  return t('attach.failed');
}
