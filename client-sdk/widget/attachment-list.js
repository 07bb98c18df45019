// The files of a chat message or a ticket entry: images as thumbnails (scaled by CSS, loaded
// lazily, the file name as their text alternative) that open larger in a modal dialog (Escape or
// its close button closes it and the focus goes back to the thumbnail), other files as cards with
// name, type and size linking to the download. Links are signed and expire: one that expired
// (a page left open for hours, old history after a reload) is renewed with
// GET /v1/attachments/{id} before it is used, and an image that fails to load is tried once more
// with a fresh link. Only http(s) and same-origin links are used; names are text, never HTML.

import { t, language } from './i18n.js';
import { h, icon, ICONS } from './dom.js';
import { fileSize, typeLabel, linkExpired, refreshLink, safeLink } from './uploads.js';

/** Returns attachmentList(attachments), which builds the list (or null when there are none). */
export function createAttachmentList({ baseUrl, token }) {
  /** The attachment with a link that works now (renewed when it expired); never rejects. */
  async function usable(attachment) {
    if (!linkExpired(attachment)) return attachment;
    try {
      return await refreshLink(baseUrl, token, attachment);
    } catch {
      return attachment;
    }
  }

  function attachmentList(attachments) {
    if (!Array.isArray(attachments) || !attachments.length) return null;
    return h('ul', { class: 'sb-files', 'aria-label': t('attach.list') }, attachments.map((a) =>
      h('li', { class: a.image ? 'sb-file sb-file--image' : 'sb-file sb-file--card', dataset: { attachment: String(a.id) } },
        a.image ? thumbnail(a) : card(a))));
  }

  function thumbnail(a) {
    const img = h('img', { class: 'sb-thumb', alt: a.name || '', loading: 'lazy', decoding: 'async' });
    let retried = false;
    img.addEventListener('error', () => {
      if (retried) return;
      retried = true;
      refreshLink(baseUrl, token, a).then(() => setSrc(img, a, true), () => {});
    });
    usable(a).then(() => setSrc(img, a));
    const button = h('button', { type: 'button', class: 'sb-thumb-button', title: a.name || '',
      'aria-label': t('attach.open', { name: a.name || '' }), on: { click: () => openImage(a, button) } }, img);
    return button;
  }

  /** Points the image at the attachment's link; `again` loads it anew even when unchanged. */
  function setSrc(img, a, again) {
    const src = safeLink(a.url, baseUrl);
    if (!src || (!again && img.getAttribute('src') === src)) return;
    if (again) img.removeAttribute('src');
    img.setAttribute('src', src);
  }

  function card(a) {
    const size = fileSize(a.size, language());
    const body = [icon(ICONS.file, { size: 20 }),
      h('span', { class: 'sb-card-text' },
        h('span', { class: 'sb-card-name', dir: 'auto', text: a.name || '' }),
        h('span', { class: 'sb-card-meta', text: typeLabel(a.contentType) + ' · ' + size }))];
    const link = h('a', { class: 'sb-card', href: safeLink(a.url, baseUrl), download: a.name || '', target: '_blank',
      rel: 'noopener', 'aria-label': t('attach.download', { name: a.name || '', type: typeLabel(a.contentType), size }) }, body);
    link.addEventListener('click', (event) => {
      if (!linkExpired(a)) return;
      // Old link: renew it, then follow the new one.
      event.preventDefault();
      usable(a).then(() => {
        const href = safeLink(a.url, baseUrl);
        if (!href) return;
        link.setAttribute('href', href);
        if (!linkExpired(a)) link.click();
      });
    });
    return link;
  }

  async function openImage(a, from) {
    await usable(a);
    const close = h('button', { type: 'button', class: 'sb-icon-btn sb-viewer-close', 'aria-label': t('attach.close'),
      title: t('attach.close') }, icon(ICONS.close, { size: 18 }));
    const download = h('a', { class: 'sb-secondary sb-viewer-download', href: safeLink(a.url, baseUrl),
      download: a.name || '', target: '_blank', rel: 'noopener', text: t('attach.downloadShort') });
    const title = h('h2', { class: 'sb-viewer-title', id: 'sb-viewer-title', dir: 'auto', text: a.name || '' });
    const dialog = h('dialog', { class: 'sb-viewer', 'aria-labelledby': 'sb-viewer-title' },
      h('div', { class: 'sb-viewer-bar' }, title, close),
      h('img', { class: 'sb-viewer-image', src: safeLink(a.url, baseUrl), alt: a.name || '' }),
      h('div', { class: 'sb-viewer-actions' }, download));
    close.addEventListener('click', () => dialog.close());
    // Escape closes this dialog only (not the whole panel, which Escape minimizes otherwise).
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      dialog.close();
    });
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (from.isConnected) from.focus();
      else document.querySelector(`[data-attachment="${CSS.escape(String(a.id))}"] button`)?.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    close.focus();
  }

  return { attachmentList };
}
