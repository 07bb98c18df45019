// Files over REST for the visitor (protocol/PROTOCOL.md 3.8): uploading one file with its progress
// (POST /v1/attachments?name=...&uploadId=..., the raw bytes as the body; XMLHttpRequest rather
// than fetch, for the progress), a fresh signed link for an attachment whose link expired
// (GET /v1/attachments/{id}), and the words for a file's size and type.

import { HttpError, fetchJson } from './http.js';

/** Renew a link this long before it expires, so a click never lands on a dead one. */
const EXPIRY_MARGIN_MS = 60 * 1000;

/**
 * Uploads `file` with the visitor token from `token()`; resolves with the attachment
 * {id, name, size, contentType, image, url, expiresAt}. `uploadId` makes a retry after a lost
 * answer the same upload. The returned promise has `abort()`. Refusals reject with HttpError
 * (413 too large, 415 a type the site does not allow); a network failure with status 0.
 */
export function uploadFile(baseUrl, token, file, { uploadId, onProgress = () => {} } = {}) {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ name: file.name || 'file' });
  if (uploadId) query.set('uploadId', uploadId);
  const done = new Promise((resolve, reject) => {
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText || 'null');
      } catch {
        data = null;
      }
      if (xhr.status === 200 || xhr.status === 201) {
        onProgress(1);
        resolve(data);
        return;
      }
      const error = (data && data.error) || {};
      reject(new HttpError(xhr.status, error.code || 'http_' + xhr.status, error.message));
    });
    xhr.addEventListener('error', () => reject(new HttpError(0, 'network', 'network')));
    xhr.addEventListener('abort', () => reject(new HttpError(0, 'aborted', 'aborted')));
    Promise.resolve(token()).then((value) => {
      xhr.open('POST', new URL('/v1/attachments?' + query, baseUrl).href);
      xhr.setRequestHeader('Authorization', 'Bearer ' + value);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.send(file);
    }, reject);
  });
  done.abort = () => xhr.abort();
  return done;
}

/** The byte limit a 413 names ("... at most 19.5 KiB per file (20000 bytes)"), or null. */
export function limitOf(message) {
  const match = /\((\d+) bytes\)/.exec(message || '');
  return match ? Number(match[1]) : null;
}

/** The detected type a 415 names ("files of type text/html are not accepted ..."), or null. */
export function typeOf(message) {
  const match = /\b([a-z]+\/[\w.+-]+)/i.exec(message || '');
  return match ? match[1] : null;
}

/** True when the attachment's link is missing or (nearly) expired. */
export function linkExpired(attachment) {
  const expires = Date.parse(attachment && attachment.expiresAt);
  return !attachment || !attachment.url || (Number.isFinite(expires) && expires - Date.now() < EXPIRY_MARGIN_MS);
}

/** Asks for a fresh link; updates `attachment` in place and resolves with it. */
export async function refreshLink(baseUrl, token, attachment) {
  const fresh = await fetchJson(new URL('/v1/attachments/' + encodeURIComponent(attachment.id), baseUrl),
    { token: await token() });
  if (fresh && typeof fresh.url === 'string') {
    attachment.url = fresh.url;
    attachment.expiresAt = fresh.expiresAt;
  }
  return attachment;
}

/** A same-origin path or an absolute http(s) URL as an absolute URL; anything else is null. */
export function safeLink(url, baseUrl) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url, baseUrl);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "2.4 MB", "812 KB", "96 B" (in the visitor's number format). */
export function fileSize(bytes, locale) {
  const n = Number(bytes) || 0;
  const format = (value, digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (n < 1024) return format(n, 0) + ' B';
  if (n < 1024 * 1024) return format(Math.round(n / 1024), 0) + ' KB';
  return format(n / (1024 * 1024), 1) + ' MB';
}

/** "PDF", "PNG", "ZIP": the short name of a content type, else the type as it is. */
export function typeLabel(contentType) {
  const type = String(contentType || '').split(';')[0].trim();
  const sub = type.split('/')[1] || '';
  const short = sub.replace(/^x-/, '').replace(/^vnd\..*\.(\w+)$/, '$1');
  return short && short.length <= 8 ? short.toUpperCase() : type;
}
