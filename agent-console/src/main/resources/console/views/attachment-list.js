// The files of a chat message or a ticket entry: images as thumbnails (scaled by CSS, loaded
// lazily, the file name as their text alternative) that open larger in a dialog (Escape closes it
// and the focus goes back to the thumbnail), other files as cards with name, type and size that
// link to the download. Links come from the server (signed, expiring); only http(s) and
// same-origin paths become links.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { fileSize } from '../attachments.js';
import { modal } from './dialogs.js';

/** The list of `attachments` ([{id, name, size, contentType, image, url}]), or null when none. */
export function attachmentList(attachments) {
  if (!attachments?.length) return null;
  return h('ul', { class: 'attachments', 'aria-label': t('attach.list') },
    attachments.map((a) => h('li', { class: a.image ? 'attachment attachment-image' : 'attachment attachment-file', dataset: { attachment: String(a.id) } },
      a.image && link(a.url) ? thumbnail(a) : card(a))));
}

/** A same-origin path or an absolute http(s) URL; anything else (javascript:, data:) is null. */
function link(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url, location.origin);
    return ['http:', 'https:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function thumbnail(a) {
  const button = h('button', {
    type: 'button', class: 'thumb-button', 'aria-label': t('attach.open', { name: a.name }), title: a.name,
    on: { click: () => openImage(a, button) },
  }, h('img', { class: 'thumb', src: link(a.url), alt: a.name, loading: 'lazy', decoding: 'async' }));
  return button;
}

function card(a) {
  const href = link(a.url);
  const body = [icon('file'),
    h('span', { class: 'attachment-name', text: a.name }),
    h('span', { class: 'attachment-meta muted', text: `${typeLabel(a.contentType)} · ${fileSize(a.size)}` })];
  return href
    ? h('a', { class: 'attachment-card', href, download: a.name, rel: 'noopener', target: '_blank', 'aria-label': t('attach.download', { name: a.name, size: fileSize(a.size) }) }, body)
    : h('span', { class: 'attachment-card' }, body);
}

/** "PDF", "PNG", "ZIP": the short name of a type, else the type as it is. */
function typeLabel(contentType) {
  const sub = String(contentType || '').split(';')[0].split('/')[1] || '';
  const short = sub.replace(/^x-/, '').replace(/^vnd\..*\.(\w+)$/, '$1');
  return short && short.length <= 8 ? short.toUpperCase() : (contentType || t('attach.unknownType'));
}

async function openImage(a, from) {
  await modal(a.name, () => h('div', { class: 'dialog-body image-view' },
    h('img', { class: 'image-large', src: link(a.url), alt: a.name }),
    h('a', { class: 'button', href: link(a.url), download: a.name, rel: 'noopener', target: '_blank' }, h('span', { text: t('attach.downloadShort') }))), { wide: true });
  if (from.isConnected) from.focus();
  else document.querySelector(`[data-attachment="${CSS.escape(String(a.id))}"] button`)?.focus();
}
