// A fake WebSocket and a small scripted server behind it, for the protocol client's tests. The
// server keeps each conversation's messages, answers `resume` (pages of `pageSize`, resume_gap
// beyond the newest seq), `send` (stored once per clientMsgId, then acked and echoed), `read`,
// `ping` and anything else with `ok`. Tests can hold replies back, fail sends, drop the socket and
// deliver any frame they like. Replies go out on a later task, as over a network.

import { webcrypto } from 'node:crypto';

// Browsers have a global crypto (randomUUID for clientMsgId); Node before 19 keeps it in a module.
if (!globalThis.crypto) globalThis.crypto = webcrypto;

export class FakeServer {
  constructor() {
    this.sockets = [];
    this.conversations = new Map(); // id -> {status, messages: [{seq, clientMsgId, sender, text, at}]}
    this.welcomeFor = () => ({ type: 'welcome', role: 'visitor', userId: 'v1', featureLevel: 4,
      serverTime: new Date().toISOString(), conversations: this.listed() });
    this.pageSize = 500;
    this.failSends = []; // error frames (without id) for the next sends, in order
    this.failResumes = []; // error frames (without id) for the next resumes, in order
    this.holdSends = false; // when true, sends are stored but never answered
    this.loseSends = false; // when true, sends are neither stored nor answered
    this.autoWelcome = true;
    this.commands = []; // every command received, in order
    const server = this;
    this.WebSocket = class FakeWebSocket {
      constructor(url, protocol) {
        this.url = url;
        this.protocol = protocol;
        this.closed = false;
        this.onmessage = null;
        this.onclose = null;
        server.sockets.push(this);
        if (server.autoWelcome) setTimeout(() => server.welcome(this), 0);
      }

      send(text) {
        if (this.closed) throw new Error('socket closed');
        const command = JSON.parse(text);
        server.commands.push(command);
        setTimeout(() => server.handle(this, command), 0);
      }

      close() {
        this.closed = true;
      }
    };
  }

  /** The conversation, created empty when new. */
  conversation(id, status = 'assigned') {
    if (!this.conversations.has(id)) this.conversations.set(id, { status, messages: [] });
    return this.conversations.get(id);
  }

  /** Stores a message from the other side and returns it (not delivered). */
  store(id, text, sender = { role: 'agent', id: 'a1', name: 'Maya' }, clientMsgId = `srv-${Math.random()}`) {
    const conv = this.conversation(id);
    const message = { type: 'message', conversationId: id, seq: conv.messages.length + 1, clientMsgId, sender, text,
      at: new Date().toISOString() };
    conv.messages.push(message);
    return message;
  }

  listed() {
    return [...this.conversations.entries()].filter(([, c]) => c.status !== 'closed')
      .map(([conversationId, c]) => ({ conversationId, status: c.status, queue: 'support', lastSeq: c.messages.length }));
  }

  get socket() {
    return this.sockets[this.sockets.length - 1];
  }

  welcome(socket = this.socket) {
    this.deliver(this.welcomeFor(), socket);
  }

  deliver(frame, socket = this.socket) {
    if (!socket.closed && socket.onmessage) socket.onmessage({ data: JSON.stringify(frame) });
  }

  /** Closes the socket from the server's side. */
  drop(code = 1006, socket = this.socket) {
    if (socket.closed) return;
    socket.closed = true;
    if (socket.onclose) socket.onclose({ code });
  }

  sent(type) {
    return this.commands.filter((c) => c.type === type);
  }

  handle(socket, command) {
    if (socket.closed) return;
    const reply = (frame) => this.deliver({ ...frame, id: command.id }, socket);
    switch (command.type) {
      case 'resume': {
        const failure = this.failResumes.shift();
        if (failure) {
          reply({ type: 'error', ...failure });
          return;
        }
        const conv = this.conversations.get(command.conversationId);
        if (!conv) {
          reply({ type: 'error', code: 'not_found', message: 'no such conversation', temporary: false });
          return;
        }
        if (command.lastSeq > conv.messages.length) {
          reply({ type: 'error', code: 'resume_gap', message: 'beyond the newest seq', temporary: false });
          return;
        }
        const page = conv.messages.slice(command.lastSeq, command.lastSeq + this.pageSize);
        for (const message of page) this.deliver(message, socket);
        const lastSeq = command.lastSeq + page.length;
        reply({ type: 'resumed', conversationId: command.conversationId, status: conv.status, lastSeq,
          more: lastSeq < conv.messages.length });
        return;
      }
      case 'send': {
        if (this.loseSends) return;
        const failure = this.failSends.shift();
        if (failure) {
          reply({ type: 'error', ...failure });
          return;
        }
        const conv = this.conversation(command.conversationId);
        let message = conv.messages.find((m) => m.clientMsgId === command.clientMsgId);
        const fresh = !message;
        if (fresh) {
          message = this.store(command.conversationId, command.text, { role: 'visitor', id: 'v1' }, command.clientMsgId);
        }
        if (this.holdSends) return;
        reply({ type: 'ack', conversationId: command.conversationId, clientMsgId: command.clientMsgId, seq: message.seq,
          at: message.at });
        if (fresh) this.deliver(message, socket);
        return;
      }
      case 'ping':
        reply({ type: 'pong', serverTime: new Date().toISOString() });
        return;
      default:
        reply({ type: 'ok' });
    }
  }
}

/** Waits until check() is truthy (polling), or fails after `timeout` ms. */
export async function until(check, { timeout = 2000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets pending timers and replies run for `ms` milliseconds. */
export function settle(ms = 30) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An outbox store in memory, like the apps' localStorage ones. */
export class MemoryOutboxStore {
  constructor(initial = {}) {
    this.data = { ...initial };
  }

  load(id) {
    return this.data[id] || [];
  }

  save(id, entries) {
    if (entries.length) this.data[id] = entries;
    else delete this.data[id];
  }
}
