// Uploading one file: POST /v1/attachments?name=... with the file's bytes as the body (the server
// finds the type from the content), answered 201 with {id, name, size, contentType, image, url,
// expiresAt}. XMLHttpRequest rather than fetch, for the upload's progress. `uploadId` is the
// client's key for this upload, so that sending the same file again after a lost answer stores it
// once. Refusals come back as ApiError: 413 too large, 415 a type the site does not allow.

import { ApiError, session } from './api.js';

/**
 * Uploads `file`; `onProgress(fraction)` follows the bytes sent. `site` (staff only) names the
 * site whose limits and allowed types apply. Resolves with the attachment; `abort()` on the
 * returned promise stops the upload.
 */
export function uploadFile(file, { uploadId, site, onProgress = () => {} } = {}) {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ name: file.name || 'file' });
  if (uploadId) query.set('uploadId', uploadId);
  if (site) query.set('site', site);
  const done = new Promise((resolve, reject) => {
    xhr.open('POST', `/v1/attachments?${query}`);
    const token = session.load()?.token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let json = null;
      try { json = JSON.parse(xhr.responseText || 'null'); } catch { json = null; }
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(1);
        resolve(json);
      } else {
        reject(new ApiError(xhr.status, json?.error?.code, json?.error?.message));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'The server cannot be reached.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'aborted')));
    xhr.send(file);
  });
  done.abort = () => xhr.abort();
  return done;
}

/** "2.4 MB", "812 KB", "96 B". */
export function fileSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
