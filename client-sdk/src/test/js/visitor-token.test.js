// The widget's visitor token: requests made before any token is stored share one POST
// /v1/visitors, so a frame that reports the page while it boots stays one visitor, and the
// loader's visit pass is handed over by that one request. A small HTTP server on loopback stands
// in for the token endpoint and answers each request with a new contact.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ChatModel } from '../../../widget/chat.js';
import { SiteStorage } from '../../../widget/storage.js';

let server;
let baseUrl;
const requests = [];

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const parsed = JSON.parse(body);
      requests.push(parsed);
      const n = requests.length;
      // Answered a little later, as over a network, so that callers overlap.
      setTimeout(() => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ visitorToken: 'token-' + n, contactId: 'contact-' + n }));
      }, 30);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = 'http://127.0.0.1:' + server.address().port;
});

after(() => server.close());

function model(siteKey, visitPass) {
  const storage = new SiteStorage(siteKey);
  return { storage, chat: new ChatModel({ baseUrl, siteKey, storage, visitPass }) };
}

test('the boot and a page report before any token share one request, which hands the pass over', async () => {
  requests.length = 0;
  const { storage, chat } = model('site-share', 'pass-1');
  const [booted, reported, again] = await Promise.all([chat.refreshToken(), chat.token(), chat.token()]);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].visitPass, 'pass-1');
  assert.deepEqual([booted, reported, again], ['token-1', 'token-1', 'token-1']);
  assert.equal(storage.load().contactId, 'contact-1');
});

test('a later refresh sends the stored token and no pass', async () => {
  requests.length = 0;
  const { chat } = model('site-later', 'pass-2');
  await chat.token();
  await chat.refreshToken();
  assert.equal(requests.length, 2);
  assert.equal(requests[0].visitPass, 'pass-2');
  assert.equal(requests[1].visitPass, undefined);
  assert.equal(requests[1].visitorToken, 'token-1');
});

test('a signed identity does not wait on an anonymous request: it makes its own', async () => {
  requests.length = 0;
  const { storage, chat } = model('site-identity', null);
  const anonymous = chat.refreshToken();
  const changed = chat.setIdentity('signed-proof');
  await Promise.all([anonymous, changed]);
  assert.equal(requests.length, 2);
  assert.equal(requests[1].identity, 'signed-proof');
  assert.equal(storage.load().verified, true);
});
