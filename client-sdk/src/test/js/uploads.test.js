// The widget's file helpers that need no browser: reading the limit and the type out of the
// server's refusals, when a signed link counts as expired, which links may be used, and the words
// for sizes and types.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { limitOf, typeOf, linkExpired, safeLink, fileSize, typeLabel } from '../../../widget/uploads.js';

describe('the widget file helpers', () => {
  test('a 413 names its limit in bytes and a 415 the detected type', () => {
    assert.equal(limitOf('the file is 117.9 KiB; this site accepts at most 19.5 KiB per file (20000 bytes)'), 20000);
    assert.equal(limitOf('the file is larger than this server accepts: at most 2.0 MiB (2097152 bytes)'), 2097152);
    assert.equal(limitOf('too large'), null);
    assert.equal(typeOf('files of type text/html are not accepted on this site'), 'text/html');
    assert.equal(typeOf('files of type application/vnd.ms-excel are not accepted on this site'), 'application/vnd.ms-excel');
    assert.equal(typeOf(undefined), null);
  });

  test('a link is renewed when it has expired or is about to', () => {
    const at = (ms) => new Date(Date.now() + ms).toISOString();
    assert.equal(linkExpired({ url: '/v1/attachments/a/content', expiresAt: at(3600 * 1000) }), false);
    assert.equal(linkExpired({ url: '/v1/attachments/a/content', expiresAt: at(30 * 1000) }), true);
    assert.equal(linkExpired({ url: '/v1/attachments/a/content', expiresAt: at(-1000) }), true);
    assert.equal(linkExpired({ expiresAt: at(3600 * 1000) }), true);
  });

  test('only same-origin paths and http(s) links are used', () => {
    const base = 'https://chat.example.com';
    assert.equal(safeLink('/v1/attachments/a/content?exp=1&sig=x', base), 'https://chat.example.com/v1/attachments/a/content?exp=1&sig=x');
    assert.equal(safeLink('javascript:alert(1)', base), null);
    assert.equal(safeLink('data:text/html,<b>x</b>', base), null);
    assert.equal(safeLink(42, base), null);
  });

  test('sizes and types in words', () => {
    assert.equal(fileSize(96, 'en'), '96 B');
    assert.equal(fileSize(20000, 'en'), '20 KB');
    assert.equal(fileSize(2.5 * 1024 * 1024, 'en'), '2.5 MB');
    assert.equal(typeLabel('application/pdf'), 'PDF');
    assert.equal(typeLabel('application/zip'), 'ZIP');
    assert.equal(typeLabel('application/x-zip-compressed'), 'application/x-zip-compressed');
    assert.equal(typeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'DOCUMENT');
  });
});
