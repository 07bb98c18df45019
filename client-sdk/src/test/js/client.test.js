// The shared protocol client's delivery duties (PROTOCOL.md section 8.5) against a fake server:
// order and dedupe by seq, gap -> resume, resume after every (re)connect from lastSeq, paging,
// resume_gap, and the outbox (one send at a time, the same clientMsgId until acknowledged,
// temporary and permanent errors).

import { describe, test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolClient } from '../../../widget/common/client.js';
import { FakeServer, MemoryOutboxStore, until, settle } from './fake-server.js';

const C = 'c0ffee00-0000-4000-8000-000000000001';
const clients = [];

const TIMING = { minDelay: 5, maxDelay: 40, rateLimitedDelay: 20, pingEvery: 60000, pongWithin: 1000, requestTimeout: 300 };

/** A visitor-side client on a fake server; records what reaches the app. */
function setup({ server = new FakeServer(), store = new MemoryOutboxStore(), side = 'visitor' } = {}) {
  const client = new ProtocolClient({ url: 'ws://test/v1/ws', token: async () => 'token-1', WebSocket: server.WebSocket,
    side, outboxStore: store, timing: TIMING, retry: { min: 5, max: 20 } });
  clients.push(client);
  const seen = [];
  const events = [];
  client.on('message', ({ conversation, message }) => seen.push(`${conversation.id === C ? '' : conversation.id + ':'}${message.seq}:${message.text}`));
  for (const type of ['reset', 'resumed', 'closed', 'gone', 'read', 'welcome']) client.on(type, (detail) => events.push({ type, detail }));
  return { server, client, seen, events, store };
}

async function connected(ctx) {
  ctx.client.start();
  await until(() => ctx.client.isOpen, { what: 'open' });
}

/** Connects with conversation C on the server and waits until the client has resumed it. */
async function readyConversation(ctx) {
  ctx.server.conversation(C);
  await connected(ctx);
  return until(() => ctx.client.get(C)?.ready && ctx.client.get(C));
}

function resumes(server) {
  return server.sent('resume').map((r) => `${r.conversationId === C ? '' : r.conversationId + ':'}${r.lastSeq}`);
}

describe('the protocol client', () => {
  afterEach(() => {
    while (clients.length) clients.pop().stop();
  });

  test('messages that arrive out of order are delivered in seq order, each once', async () => {
    const ctx = setup();
    const { server, client, seen } = ctx;
    server.conversation(C);
    await connected(ctx);
    await until(() => client.get(C)?.ready, { what: 'resumed' });
    const m1 = server.store(C, 'one');
    const m2 = server.store(C, 'two');
    const m3 = server.store(C, 'three');
    server.deliver(m1);
    server.deliver(m3); // ahead of a gap: held back
    assert.deepEqual(seen, ['1:one']);
    server.deliver(m2);
    await settle();
    assert.deepEqual(seen, ['1:one', '2:two', '3:three']);
    assert.equal(client.get(C).lastSeq, 3);
    assert.equal(client.get(C).buffered.size, 0);
  });

  test('duplicates are dropped by seq', async () => {
    const ctx = setup();
    const { server, client, seen } = ctx;
    server.conversation(C);
    await connected(ctx);
    await until(() => client.get(C)?.ready);
    const m1 = server.store(C, 'one');
    const m2 = server.store(C, 'two');
    for (const m of [m1, m1, m2, m1, m2]) server.deliver(m);
    await settle();
    assert.deepEqual(seen, ['1:one', '2:two']);
    assert.deepEqual(client.get(C).messages.map((m) => m.seq), [1, 2]);
  });

  test('a gap makes the client resume from its lastSeq and fill it', async () => {
    const ctx = setup();
    const { server, client, seen } = ctx;
    server.conversation(C);
    await connected(ctx);
    await until(() => client.get(C)?.ready);
    const m1 = server.store(C, 'one');
    server.store(C, 'two'); // lost on the way
    server.store(C, 'three'); // lost too
    const m4 = server.store(C, 'four');
    server.deliver(m1);
    server.deliver(m4);
    await until(() => seen.length === 4, { what: 'the gap filled' });
    assert.deepEqual(seen, ['1:one', '2:two', '3:three', '4:four']);
    assert.deepEqual(resumes(server), ['0', '1'], 'one resume after the welcome, one from lastSeq 1 for the gap');
  });

  test('after every (re)connect the client resumes each conversation from its own lastSeq', async () => {
    const ctx = setup();
    const { server, client, seen } = ctx;
    server.conversation(C);
    server.store(C, 'one');
    server.store(C, 'two');
    await connected(ctx);
    await until(() => seen.length === 2, { what: 'history' });
    assert.deepEqual(resumes(server), ['0']);

    // The connection drops; meanwhile the agent writes twice.
    server.drop(1001);
    assert.equal(client.isOpen, false);
    server.store(C, 'three');
    server.store(C, 'four');
    await until(() => server.sockets.length === 2 && client.isOpen, { what: 'reconnected' });
    await until(() => seen.length === 4, { what: 'caught up' });
    assert.deepEqual(resumes(server), ['0', '2']);
    assert.deepEqual(seen, ['1:one', '2:two', '3:three', '4:four']);
    assert.match(server.socket.url, /\?token=token-1$/);
    assert.equal(server.socket.protocol, 'switchboard.v1.json');
  });

  test('a conversation known as open that the welcome no longer lists is resumed; a closed one is not', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const other = 'c0ffee00-0000-4000-8000-000000000002';
    server.conversation(C);
    server.conversation(other);
    await connected(ctx);
    await until(() => client.get(C)?.ready && client.get(other)?.ready);
    // The visitor's conversation was closed while the client was away; `other` was closed and known.
    client.get(other).status = 'closed';
    server.conversation(C).status = 'closed';
    server.conversation(other).status = 'closed';
    server.store(C, 'goodbye');
    server.drop(1006);
    await until(() => server.sockets.length === 2 && client.get(C).status === 'closed' && client.get(C).lastSeq === 1,
      { what: 'final message and status' });
    assert.deepEqual(resumes(server).slice(2), ['0'], 'only the one known as open');
    assert.ok(ctx.events.some((e) => e.type === 'closed' && e.detail.source === 'resume'));
  });

  test('resume pages on while resumed.more is true', async () => {
    const server = new FakeServer();
    server.pageSize = 2;
    const ctx = setup({ server });
    server.conversation(C);
    for (const text of ['a', 'b', 'c', 'd', 'e']) server.store(C, text);
    await connected(ctx);
    await until(() => ctx.client.get(C)?.ready, { what: 'resumed' });
    assert.deepEqual(ctx.seen, ['1:a', '2:b', '3:c', '4:d', '5:e']);
    assert.deepEqual(resumes(server), ['0', '2', '4']);
  });

  test('resume_gap discards the local copy and reloads the conversation from 0', async () => {
    const ctx = setup();
    const { server, client, seen, events } = ctx;
    server.conversation(C);
    for (const text of ['a', 'b', 'c']) server.store(C, text);
    await connected(ctx);
    await until(() => seen.length === 3);
    // The server is restored from a backup that has only the first two messages, and the client
    // reconnects: its lastSeq 3 lies beyond the newest seq.
    server.conversation(C).messages.length = 2;
    server.store(C, 'c2');
    server.conversation(C).messages.length = 1;
    server.drop(1001);
    await until(() => events.some((e) => e.type === 'reset'), { what: 'reset' });
    await until(() => client.get(C).ready && client.get(C).lastSeq === 1, { what: 'reloaded' });
    assert.deepEqual(resumes(server), ['0', '3', '0']);
    assert.deepEqual(client.get(C).messages.map((m) => m.text), ['a']);
    assert.deepEqual(seen.slice(3), ['1:a']);
  });

  test('the outbox sends one message at a time and resends the same clientMsgId until acknowledged', async () => {
    const ctx = setup();
    const { server, client, store } = ctx;
    const conv = await readyConversation(ctx);
    server.loseSends = true; // lost on the way: neither stored nor answered
    const first = client.send(conv, 'first');
    const second = client.send(conv, 'second');
    await settle();
    assert.equal(server.sent('send').length, 1, 'the second waits for the first');
    assert.equal(store.load(C).length, 2, 'both survive a reload');

    // The connection dies before the ack: after reconnecting and resuming, the first is sent again
    // with the same clientMsgId, stored once, and the second follows.
    server.loseSends = false;
    server.drop(1006);
    await until(() => conv.outbox.length === 0, { what: 'outbox empty' });
    const sends = server.sent('send').map((s) => s.clientMsgId);
    assert.deepEqual(sends, [first.clientMsgId, first.clientMsgId, second.clientMsgId]);
    const resumeIndex = server.commands.findLastIndex((c) => c.type === 'resume');
    const resendIndex = server.commands.findIndex((c, i) => i > 0 && c.type === 'send' && i > server.commands.indexOf(server.sent('send')[0]));
    assert.ok(resumeIndex < resendIndex, 'resent only after resuming');
    assert.deepEqual(server.conversation(C).messages.map((m) => m.text), ['first', 'second']);
    assert.deepEqual(conv.messages.map((m) => m.text), ['first', 'second']);
    assert.equal(first.state, 'sent');
    assert.equal(second.seq, 2);
    assert.deepEqual(store.load(C), []);
  });

  test('a message the client wrote leaves the outbox when it comes back, even before its ack', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    server.holdSends = true;
    const entry = client.send(conv, 'hello');
    await until(() => server.conversation(C).messages.length === 1);
    server.deliver(server.conversation(C).messages[0]);
    assert.equal(conv.outbox.length, 0);
    assert.equal(entry.state, 'sent');
    assert.equal(entry.seq, 1);
  });

  test('a send stored but never acknowledged is not sent again: the resume brings it back', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    server.holdSends = true;
    const entry = client.send(conv, 'stored');
    await until(() => server.conversation(C).messages.length === 1);
    server.holdSends = false;
    server.drop(1006);
    await until(() => conv.outbox.length === 0 && conv.ready, { what: 'settled by the resume' });
    assert.equal(server.sent('send').length, 1);
    assert.equal(entry.seq, 1);
    assert.deepEqual(ctx.seen, ['1:stored']);
  });

  test('the outbox survives a reload: a new client sends what the store holds, with its clientMsgId', async () => {
    const server = new FakeServer();
    server.conversation(C);
    const store = new MemoryOutboxStore({ [C]: [{ clientMsgId: 'kept-1', text: 'written before the reload', createdAt: '2026-01-01T00:00:00.000Z' }] });
    const ctx = setup({ server, store });
    await connected(ctx);
    await until(() => server.conversation(C).messages.length === 1 && ctx.client.get(C).outbox.length === 0);
    assert.equal(server.sent('send')[0].clientMsgId, 'kept-1');
    assert.deepEqual(ctx.seen, ['1:written before the reload']);
  });

  test('a message with files names their ids, and its files survive a reload with it', async () => {
    const server = new FakeServer();
    server.conversation(C);
    const file = { id: 'f1', name: 'photo.png', size: 120, contentType: 'image/png', image: true, url: '/v1/attachments/f1/content' };
    const store = new MemoryOutboxStore({ [C]: [{ clientMsgId: 'kept-2', text: '', attachments: [file], createdAt: '2026-01-01T00:00:00.000Z' }] });
    const ctx = setup({ server, store });
    assert.deepEqual(ctx.client.track(C).outbox[0].attachments, [file]);
    await connected(ctx);
    await until(() => server.sent('send').length === 1);
    assert.deepEqual(server.sent('send')[0].attachments, ['f1']);
    await until(() => ctx.client.get(C).outbox.length === 0);
    const plain = ctx.client.send(ctx.client.get(C), 'no files');
    await until(() => server.sent('send').length === 2);
    assert.equal('attachments' in server.sent('send')[1], false);
    assert.deepEqual(plain.attachments, []);
  });

  test('a temporary error keeps the message and retries it unchanged; a permanent one fails it', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    const failures = [];
    client.on('outbox', ({ entry, error }) => error && failures.push(`${entry.text}:${error.code}`));
    server.failSends.push(
      { code: 'unavailable', message: 'storage is unreachable', temporary: true },
      { code: 'timeout', message: 'no answer', temporary: true },
      null, // the third try of 'kept' is stored
      { code: 'too_large', message: 'text', temporary: false });
    const kept = client.send(conv, 'kept');
    const refused = client.send(conv, 'refused');
    const after = client.send(conv, 'after');
    await until(() => conv.outbox.every((e) => e.state === 'failed'), { what: 'settled' });
    const sends = server.sent('send').map((s) => `${s.text}:${s.clientMsgId === kept.clientMsgId || s.clientMsgId === refused.clientMsgId || s.clientMsgId === after.clientMsgId}`);
    assert.deepEqual(sends, ['kept:true', 'kept:true', 'kept:true', 'refused:true', 'after:true']);
    assert.equal(new Set(server.sent('send').filter((s) => s.text === 'kept').map((s) => s.clientMsgId)).size, 1);
    assert.deepEqual(failures, ['kept:unavailable', 'kept:timeout', 'refused:too_large']);
    assert.equal(kept.state, 'sent');
    assert.equal(refused.state, 'failed');
    assert.equal(refused.error, 'too_large');
    assert.equal(after.state, 'sent');
    assert.deepEqual(conv.outbox, [refused]);
    assert.deepEqual(ctx.store.load(C), [], 'a failed message is not kept across reloads');

    // The user retries the failed one: the same clientMsgId again.
    client.retry(conv, refused.clientMsgId);
    await until(() => conv.outbox.length === 0);
    assert.equal(server.sent('send').at(-1).clientMsgId, refused.clientMsgId);
  });

  test('a rate-limited send waits as long as the server asks before it is sent again', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    server.failSends.push({ code: 'rate_limited', message: 'too many', temporary: true, retryAfterMs: 400 });
    const entry = client.send(conv, 'patient');
    await until(() => server.sent('send').length === 1, { what: 'the first try' });
    // The client's own backoff here is 5-20 ms; the server asked for 400.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(server.sent('send').length, 1, 'not sent again before retryAfterMs');
    await until(() => conv.outbox.length === 0, { what: 'stored after the wait', timeout: 3000 });
    assert.equal(entry.state, 'sent');
    assert.ok(server.sent('send').every((s) => s.clientMsgId === entry.clientMsgId));
  });

  test('a rate-limited resume is asked again after retryAfterMs, without waiting for a reconnect', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    server.conversation(C);
    server.store(C, 'hello');
    server.failResumes.push({ code: 'rate_limited', message: 'too many', temporary: true, retryAfterMs: 1200 });
    await connected(ctx);
    await until(() => server.sent('resume').length === 1, { what: 'the first resume' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(server.sent('resume').length, 1, 'not asked again before retryAfterMs');
    await until(() => client.get(C)?.ready, { what: 'resumed after the wait', timeout: 3000 });
    assert.deepEqual(resumes(server), ['0', '0']);
    assert.equal(server.sockets.length, 1, 'on the same connection');
    assert.deepEqual(ctx.seen, ['1:hello']);
  });

  test('a send that times out on this side is sent again and stored once', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    server.holdSends = true;
    const entry = client.send(conv, 'slow');
    await until(() => server.sent('send').length >= 2, { what: 'a resend after the timeout', timeout: 3000 });
    server.holdSends = false;
    await until(() => conv.outbox.length === 0, { timeout: 3000 });
    assert.ok(server.sent('send').every((s) => s.clientMsgId === entry.clientMsgId));
    assert.equal(server.conversation(C).messages.length, 1);
  });

  test('conversation_closed closes the conversation and fails what is left', async () => {
    const ctx = setup();
    const { server, client, events } = ctx;
    const conv = await readyConversation(ctx);
    server.failSends.push({ code: 'conversation_closed', message: 'closed', temporary: false });
    const entry = client.send(conv, 'too late');
    await until(() => conv.status === 'closed');
    assert.equal(entry.state, 'failed');
    assert.ok(events.some((e) => e.type === 'closed' && e.detail.source === 'send'));
    assert.equal(client.send(conv, 'no more'), null);
  });

  test('a closed event fails the outbox and resumes for messages the client lacks', async () => {
    const ctx = setup();
    const { server, client, seen } = ctx;
    const conv = await readyConversation(ctx);
    server.store(C, 'final words');
    server.holdSends = true;
    const entry = client.send(conv, 'unanswered');
    server.deliver({ type: 'closed', conversationId: C, by: 'agent', lastSeq: 1, at: new Date().toISOString() });
    assert.equal(conv.status, 'closed');
    assert.equal(entry.state, 'failed');
    await until(() => seen.includes('1:final words'));
  });

  test('forbidden or not_found on resume reports the conversation gone', async () => {
    const ctx = setup();
    const { server, client, events } = ctx;
    await connected(ctx);
    client.track('c0ffee00-0000-4000-8000-00000000dead');
    client.resume(client.get('c0ffee00-0000-4000-8000-00000000dead'));
    await until(() => events.some((e) => e.type === 'gone' && e.detail.code === 'not_found'));
    assert.equal(server.sent('resume').length, 1);
  });

  test('read receipts: the other side\'s position, and ours only when the other side wrote', async () => {
    const ctx = setup();
    const { server, client } = ctx;
    const conv = await readyConversation(ctx);
    const own = client.send(conv, 'mine');
    await until(() => own.state === 'sent');
    assert.equal(await client.markRead(conv), false, 'nothing from the other side to read');
    server.deliver(server.store(C, 'theirs'));
    assert.equal(await client.markRead(conv), true);
    assert.deepEqual(server.sent('read').map((r) => r.seq), [2]);
    assert.equal(await client.markRead(conv), false, 'already read');
    server.deliver({ type: 'read', conversationId: C, role: 'agent', seq: 1 });
    server.deliver({ type: 'read', conversationId: C, role: 'visitor', seq: 2 }); // our own side
    server.deliver({ type: 'read', conversationId: C, role: 'agent', seq: 1 });
    assert.equal(conv.peerReadSeq, 1);
    assert.equal(ctx.events.filter((e) => e.type === 'read').length, 1);
  });

  test('events of conversations the client does not track are passed on untouched', async () => {
    const ctx = setup({ side: 'agent' });
    const { server, client } = ctx;
    await connected(ctx);
    const passed = [];
    client.on('event', (event) => passed.push(event.type));
    server.deliver({ type: 'message', conversationId: 'elsewhere', seq: 1, clientMsgId: 'x', sender: { role: 'visitor', id: 'v' }, text: 'hi', at: 'now' });
    server.deliver({ type: 'assigned', conversationId: 'elsewhere', lastSeq: 1 });
    assert.deepEqual(passed, ['message', 'assigned']);
    assert.deepEqual(ctx.seen, []);
  });
});
