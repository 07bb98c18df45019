// The shared Connection: replies matched by id, reconnect with jittered backoff, close codes,
// token checks when the upgrade keeps failing, and the heartbeat.

import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, CommandError } from '../../../widget/common/connection.js';
import { FakeServer, until, settle } from './fake-server.js';

const connections = [];

function connect(server, options = {}) {
  const states = [];
  const events = [];
  const welcomes = [];
  const connection = new Connection({
    url: 'ws://test/v1/ws', token: async () => 'tok', WebSocket: server.WebSocket,
    onWelcome: (w) => welcomes.push(w), onEvent: (e) => events.push(e), onState: (s) => states.push(s),
    timing: { minDelay: 5, maxDelay: 40, rateLimitedDelay: 60, pingEvery: 60000, pongWithin: 1000, requestTimeout: 200 },
    ...options,
  });
  connections.push(connection);
  connection.start();
  return { connection, states, events, welcomes };
}

describe('the connection', () => {
  afterEach(() => {
    while (connections.length) connections.pop().stop();
  });

  test('commands get their replies by id; other frames are events', async () => {
    const server = new FakeServer();
    const { connection, events, states } = connect(server);
    await until(() => connection.isOpen);
    assert.deepEqual(states, ['connecting', 'open']);
    const [pong, ok] = await Promise.all([connection.request({ type: 'ping' }), connection.request({ type: 'typing' })]);
    assert.equal(pong.type, 'pong');
    assert.equal(ok.type, 'ok');
    assert.deepEqual(server.commands.map((c) => c.id), ['1', '2']);
    server.deliver({ type: 'typing', conversationId: 'c', role: 'agent', active: true });
    server.deliver({ type: 'ok', id: '99' }); // nobody waits for it
    assert.deepEqual(events.map((e) => e.type), ['typing', 'ok']);
  });

  test('an error reply rejects with its code and whether it is temporary', async () => {
    const server = new FakeServer();
    const { connection } = connect(server);
    await until(() => connection.isOpen);
    server.handle = (socket, command) => server.deliver({ type: 'error', id: command.id, code: 'unavailable', message: 'x', temporary: true }, socket);
    await assert.rejects(connection.request({ type: 'send' }), (e) => e instanceof CommandError && e.code === 'unavailable' && e.temporary);
  });

  test('a command without a reply times out as a temporary error; one sent while closed fails at once', async () => {
    const server = new FakeServer();
    server.handle = () => {};
    const { connection } = connect(server);
    await until(() => connection.isOpen);
    await assert.rejects(connection.request({ type: 'ping' }), (e) => e.code === 'timeout' && e.temporary);
    server.drop(1006);
    await assert.rejects(connection.request({ type: 'ping' }), (e) => e.code === 'disconnected' && e.temporary);
  });

  test('a lost connection fails the commands in flight and reconnects with jittered, growing delays', async () => {
    const server = new FakeServer();
    server.autoWelcome = false;
    const { connection, states } = connect(server);
    await until(() => server.sockets.length === 1);
    server.welcome();
    server.handle = () => {};
    const inFlight = connection.request({ type: 'ping' });
    server.drop(1006);
    await assert.rejects(inFlight, (e) => e.code === 'disconnected');
    assert.equal(states.at(-1), 'reconnecting');
    // Failing attempts (no welcome): each delay lies between the minimum and a doubling ceiling.
    const delays = [];
    for (let i = 0; i < 200; i++) {
      const probe = new Connection({ url: 'ws://x', token: () => 't', WebSocket: server.WebSocket, onWelcome() {}, onEvent() {} });
      probe.attempt = i % 8;
      delays.push([i % 8, probe.nextDelay()]);
    }
    for (const [attempt, delay] of delays) {
      assert.ok(delay >= 250 && delay <= Math.min(10000, 250 * 2 ** (attempt + 1)), `attempt ${attempt}: ${delay}`);
    }
    assert.ok(new Set(delays.filter(([a]) => a === 3).map(([, d]) => Math.round(d))).size > 5, 'jittered');
    await until(() => server.sockets.length === 2, { what: 'a new attempt' });
    server.welcome();
    await until(() => connection.isOpen);
  });

  test('a rate-limited close waits at least the rate-limit delay before reconnecting', async () => {
    const server = new FakeServer();
    const { connection } = connect(server);
    await until(() => connection.isOpen);
    const closedAt = Date.now();
    server.drop(4003);
    await until(() => server.sockets.length === 2);
    assert.ok(Date.now() - closedAt >= 55);
  });

  test('close codes that would fail again stop reconnecting', async () => {
    for (const code of [1002, 1003, 1007, 1008, 1009]) {
      const server = new FakeServer();
      const { connection, states } = connect(server);
      await until(() => connection.isOpen);
      server.drop(code);
      await settle(60);
      assert.equal(states.at(-1), 'failed', `code ${code}`);
      assert.equal(server.sockets.length, 1);
    }
  });

  test('4001: the owner is told and the connection stops, or it renews the token and goes on', async () => {
    const server = new FakeServer();
    let revoked = 0;
    const stopping = connect(server, { onAuthRevoked: () => revoked++ });
    await until(() => stopping.connection.isOpen);
    server.drop(4001);
    await settle(60);
    assert.equal(revoked, 1);
    assert.equal(stopping.states.at(-1), 'closed');
    assert.equal(server.sockets.length, 1);

    const other = new FakeServer();
    let renewed = 0;
    const renewing = connect(other, { onAuthFailure: async () => { renewed++; } });
    await until(() => renewing.connection.isOpen);
    other.drop(4001);
    await until(() => other.sockets.length === 2 && renewing.connection.isOpen);
    assert.equal(renewed, 1);
  });

  test('when the upgrade keeps failing before any welcome, the owner checks the token', async () => {
    const server = new FakeServer();
    server.autoWelcome = false;
    let checks = 0;
    const { connection } = connect(server, { authFailureAfter: 3, onAuthFailure: () => { checks++; } });
    for (let i = 1; i <= 3; i++) {
      await until(() => server.sockets.length === i);
      server.drop(1006);
    }
    await until(() => checks === 1);
    await until(() => server.sockets.length === 4);
    server.welcome();
    await until(() => connection.isOpen);
    assert.equal(checks, 1);
  });

  test('no pong in time: the connection is dropped and opened again', async () => {
    const server = new FakeServer();
    const { connection } = connect(server, { timing: { minDelay: 5, maxDelay: 40, pingEvery: 30, pongWithin: 30, requestTimeout: 500 } });
    await until(() => connection.isOpen);
    await until(() => server.sent('ping').length >= 1);
    server.handle = () => {}; // the server stops answering
    await until(() => server.sockets.length >= 2, { what: 'a new socket after the missing pong' });
    assert.ok(server.sockets[0].closed);
  });

  test('stop closes the socket and never reconnects', async () => {
    const server = new FakeServer();
    const { connection, states } = connect(server);
    await until(() => connection.isOpen);
    connection.stop();
    assert.ok(server.sockets[0].closed);
    assert.equal(states.at(-1), 'closed');
    await settle(60);
    assert.equal(server.sockets.length, 1);
  });
});
