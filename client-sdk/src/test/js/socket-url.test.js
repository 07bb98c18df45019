// The widget's WebSocket URL: encrypted whenever the server's URL or the page is https.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { socketUrl } from '../../../widget/common/connection.js';

test('an https server is reached over wss', () => {
  assert.equal(socketUrl('https://chat.example.com', 'https:'), 'wss://chat.example.com/v1/ws');
  assert.equal(socketUrl('https://chat.example.com:8443/widget/frame.html?site=k', undefined),
    'wss://chat.example.com:8443/v1/ws');
});

test('an https page never opens a plain socket, even to a server URL written with http', () => {
  assert.equal(socketUrl('http://chat.example.com', 'https:'), 'wss://chat.example.com/v1/ws');
});

test('plain http stays ws for local development', () => {
  assert.equal(socketUrl('http://127.0.0.1:8080', 'http:'), 'ws://127.0.0.1:8080/v1/ws');
});
