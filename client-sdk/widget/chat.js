// The visitor's side of the protocol: the visitor token, the WebSocket session, the open
// conversation and the client's delivery duties (PROTOCOL.md section 8.5): dedupe and order by
// seq, resume after every (re)connect and on gaps, and an outbox that resends with the same
// clientMsgId, one message at a time, until acknowledged.

import { Connection, CommandError } from './connection.js';

const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 5000;

export function uuid() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class HttpError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

/** JSON over fetch; throws HttpError with the contract's {error:{code,message}}. */
export async function fetchJson(url, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new HttpError(response.status, error.code || 'http_' + response.status, error.message);
  }
  return data;
}

/** The field an `invalid_field` error names ("fields.email: ..." or "email: ..."), or null. */
export function fieldOf(message) {
  const match = /^(?:fields\.)?([A-Za-z][\w]*)\b/.exec(message || '');
  return match ? match[1] : null;
}

class Emitter {
  constructor() {
    this.handlers = new Map();
  }

  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(handler);
  }

  emit(type, detail) {
    for (const handler of this.handlers.get(type) || []) {
      try {
        handler(detail);
      } catch (e) {
        console.error(e);
      }
    }
  }
}

function newConversation(id) {
  return {
    id,
    status: 'queued',
    queue: null,
    agent: null,
    lastSeq: 0,
    messages: [],
    buffered: new Map(),
    resuming: false,
    resumedOnce: false,
    inflight: null,
    agentReadSeq: 0,
    readSent: 0,
  };
}

/**
 * Events: 'connection' (state), 'conversation' (the shown conversation changed or was reset),
 * 'message' (a committed message, in seq order), 'outbox' (an entry was added, acknowledged or
 * failed), 'queue', 'joined', 'typing', 'read', 'closed', 'transferred', 'ready' (welcome handled).
 */
export class ChatModel extends Emitter {
  constructor({ baseUrl, siteKey, storage }) {
    super();
    this.baseUrl = baseUrl;
    this.siteKey = siteKey;
    this.storage = storage;
    this.conversation = null;
    const stored = storage.load();
    this.outbox = (stored.outbox || []).filter((entry) => entry && entry.clientMsgId);
    if (stored.conversationId && !stored.rated) {
      // Shown at once (with what the visitor still has to send) and brought up to date by the
      // first welcome and resume; its status is learned from them.
      this.conversation = newConversation(stored.conversationId);
      this.conversation.status = 'unknown';
    }
    this.context = null;
    this.welcome = null;
    this.typingSentAt = 0;
    this.typingActive = false;
    this.typingIdleTimer = null;
    this.retryTimer = null;
    const wsUrl = new URL('/v1/ws', baseUrl);
    wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
    this.connection = new Connection({
      url: wsUrl.href,
      token: () => this.token(),
      onEvent: (event) => this.onEvent(event),
      onWelcome: (welcome) => this.onWelcome(welcome),
      onState: (state, detail) => this.emit('connection', { state, detail }),
      onAuthFailure: () => this.refreshToken(),
    });
  }

  // ---- token --------------------------------------------------------------------------------

  /** Gets or reuses the visitor token (POST /v1/visitors); throws HttpError 404 for a bad site. */
  async refreshToken() {
    const stored = this.storage.load();
    const reply = await fetchJson(new URL('/v1/visitors', this.baseUrl), {
      method: 'POST',
      body: stored.token ? { siteKey: this.siteKey, visitorToken: stored.token } : { siteKey: this.siteKey },
    });
    if (stored.token && reply.visitorToken !== stored.token) {
      // A new contact: the old conversation and outbox belong to someone the server forgot.
      this.outbox = [];
      this.storage.update({ conversationId: undefined, outbox: [], rated: undefined, startedAt: undefined });
      this.conversation = null;
      this.emit('conversation', null);
    }
    this.storage.update({ token: reply.visitorToken, contactId: reply.contactId });
    return reply.visitorToken;
  }

  async token() {
    const stored = this.storage.load();
    return stored.token || this.refreshToken();
  }

  get visitorToken() {
    return this.storage.load().token;
  }

  connect() {
    this.connection.start();
  }

  // ---- connection events --------------------------------------------------------------------

  onWelcome(welcome) {
    this.welcome = welcome;
    const stored = this.storage.load();
    const listed = (welcome.conversations || [])[0];
    if (listed) {
      const known = this.conversation && this.conversation.id === listed.conversationId;
      const conv = known ? this.conversation : newConversation(listed.conversationId);
      conv.status = listed.status;
      conv.queue = listed.queue;
      if (listed.agent) conv.agent = listed.agent;
      if (!known) this.setConversation(conv);
      if (stored.conversationId !== conv.id) {
        this.storage.update({ conversationId: conv.id, rated: undefined,
          startedAt: stored.startedAt || Date.now() });
      }
      this.resume(conv);
    } else if (this.conversation && this.conversation.status !== 'closed') {
      // Known as open but not listed: it was closed meanwhile; resuming gives its final messages.
      this.resume(this.conversation);
    } else if (!this.conversation && stored.conversationId && !stored.rated) {
      // Closed and not rated yet: show its history and the rating form.
      this.setConversation(newConversation(stored.conversationId));
      this.resume(this.conversation);
    } else if (this.conversation && this.conversation.status === 'closed') {
      // Nothing to do: already shown as closed.
    }
    this.sendContext();
    this.emit('ready', { welcome, conversation: this.conversation });
  }

  setConversation(conv) {
    this.conversation = conv;
    this.emit('conversation', conv);
  }

  onEvent(event) {
    const conv = this.conversation;
    if (event.conversationId && (!conv || event.conversationId !== conv.id)) return;
    switch (event.type) {
      case 'message':
        this.onMessage(conv, event);
        break;
      case 'queue':
        conv.status = 'queued';
        this.emit('queue', { position: event.position, estimatedWaitSeconds: event.estimatedWaitSeconds });
        break;
      case 'agent_joined':
        conv.status = 'assigned';
        conv.agent = event.agent;
        this.emit('joined', { agent: event.agent, at: event.at });
        break;
      case 'typing':
        if (event.role !== 'visitor') this.emit('typing', { active: Boolean(event.active) });
        break;
      case 'read':
        if (event.role !== 'visitor' && event.seq > conv.agentReadSeq) {
          conv.agentReadSeq = event.seq;
          this.emit('read', { seq: event.seq });
        }
        break;
      case 'closed':
        this.onClosed(conv, event.by, event.lastSeq);
        break;
      case 'transferred':
        if (event.toQueue) conv.status = 'queued';
        if (event.toAgent) conv.agent = event.toAgent;
        this.emit('transferred', event);
        break;
      default:
        // Later feature levels add events; ignore what we do not know.
        break;
    }
  }

  onMessage(conv, message) {
    if (typeof message.seq !== 'number' || message.seq <= conv.lastSeq) return;
    if (message.seq > conv.lastSeq + 1) {
      conv.buffered.set(message.seq, message);
      if (!conv.resuming) this.resume(conv);
      return;
    }
    this.append(conv, message);
    while (conv.buffered.has(conv.lastSeq + 1)) {
      const next = conv.buffered.get(conv.lastSeq + 1);
      conv.buffered.delete(next.seq);
      this.append(conv, next);
    }
    for (const seq of [...conv.buffered.keys()]) if (seq <= conv.lastSeq) conv.buffered.delete(seq);
  }

  append(conv, message) {
    conv.lastSeq = message.seq;
    conv.messages.push(message);
    const own = this.outbox.find((entry) => entry.clientMsgId === message.clientMsgId);
    if (own) this.removeFromOutbox(own, message.seq);
    if (message.sender && message.sender.role !== 'visitor') this.emit('typing', { active: false });
    this.emit('message', { message, own: message.sender && message.sender.role === 'visitor' });
  }

  onClosed(conv, by, lastSeq) {
    const wasClosed = conv.status === 'closed';
    conv.status = 'closed';
    if (typeof lastSeq === 'number' && lastSeq > conv.lastSeq && !conv.resuming) this.resume(conv);
    for (const entry of this.outbox.filter((e) => e.conversationId === conv.id)) {
      entry.state = 'failed';
      this.emit('outbox', { entry });
    }
    this.outbox = this.outbox.filter((e) => e.conversationId !== conv.id);
    this.saveOutbox();
    if (!wasClosed) this.emit('closed', { by });
  }

  // ---- resume -------------------------------------------------------------------------------

  async resume(conv) {
    if (conv.resuming || !this.connection.isOpen) return;
    conv.resuming = true;
    try {
      for (;;) {
        let reply;
        try {
          reply = await this.connection.request({ type: 'resume', conversationId: conv.id, lastSeq: conv.lastSeq });
        } catch (e) {
          if (e instanceof CommandError && e.code === 'resume_gap') {
            // Our copy does not match the server's: start over from the first message.
            conv.lastSeq = 0;
            conv.messages = [];
            conv.buffered.clear();
            this.emit('conversation', conv);
            continue;
          }
          if (e instanceof CommandError && (e.code === 'not_found' || e.code === 'forbidden')) {
            this.forget();
            return;
          }
          return; // disconnected or temporary: the next welcome resumes again
        }
        if (this.conversation !== conv) return;
        if (reply.more) continue;
        conv.resumedOnce = true;
        if (reply.status === 'closed') {
          this.onClosed(conv, null, reply.lastSeq);
        } else if (reply.status && conv.status !== 'closed') {
          conv.status = reply.status === 'queued' ? 'queued' : 'assigned';
        }
        this.emit('resumed', { conversation: conv });
        break;
      }
    } finally {
      conv.resuming = false;
    }
    if (conv.buffered.size > 0 && this.connection.isOpen) {
      // A gap opened while we were resuming; close it.
      this.resume(conv);
      return;
    }
    this.flush();
    this.markRead();
  }

  forget() {
    this.conversation = null;
    this.outbox = [];
    this.storage.update({ conversationId: undefined, outbox: [], rated: undefined, startedAt: undefined });
    this.emit('conversation', null);
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * Starts (or returns) the visitor's open conversation, in the visitor's language (a tag such as
   * 'zh-CN', optional). Throws CommandError.
   */
  async start({ queue, fields, language }) {
    const command = { type: 'start', fields };
    if (queue) command.queue = queue;
    if (language) command.language = language;
    const started = await this.connection.request(command);
    if (!this.conversation || this.conversation.id !== started.conversationId) {
      const conv = newConversation(started.conversationId);
      conv.status = started.status === 'queued' ? 'queued' : started.status;
      conv.queue = started.queue;
      this.storage.update({ conversationId: conv.id, rated: undefined,
        startedAt: Date.parse(started.createdAt) || Date.now() });
      this.setConversation(conv);
    }
    this.resume(this.conversation);
    // Staff following the new conversation see the page the visitor is on.
    this.sendContext();
    return started;
  }

  /** Puts a message in the outbox and sends it when possible; returns the outbox entry. */
  send(text) {
    const conv = this.conversation;
    if (!conv || conv.status === 'closed') return null;
    const entry = { clientMsgId: uuid(), conversationId: conv.id, text, createdAt: Date.now(), state: 'pending' };
    this.outbox.push(entry);
    this.saveOutbox();
    this.emit('outbox', { entry });
    this.typing(false);
    this.flush();
    return entry;
  }

  /** Outbox entries of the shown conversation, oldest first. */
  pendingEntries() {
    const conv = this.conversation;
    return conv ? this.outbox.filter((entry) => entry.conversationId === conv.id) : [];
  }

  retry(clientMsgId) {
    const entry = this.outbox.find((e) => e.clientMsgId === clientMsgId);
    if (!entry) return;
    entry.state = 'pending';
    this.emit('outbox', { entry });
    this.flush();
  }

  /** Sends the oldest pending message, one unacknowledged send at a time. */
  flush() {
    const conv = this.conversation;
    if (!conv || conv.inflight || conv.resuming || !conv.resumedOnce || !this.connection.isOpen) return;
    const entry = this.outbox.find((e) => e.conversationId === conv.id && e.state === 'pending');
    if (!entry) return;
    conv.inflight = entry.clientMsgId;
    this.connection.request({ type: 'send', conversationId: conv.id, clientMsgId: entry.clientMsgId, text: entry.text })
      .then((ack) => {
        if (this.outbox.includes(entry)) this.removeFromOutbox(entry, ack.seq);
      })
      .catch((e) => {
        if (e.temporary) {
          if (e.code !== 'disconnected') {
            clearTimeout(this.retryTimer);
            this.retryTimer = setTimeout(() => this.flush(), 1000 + Math.random() * 2000);
          }
          return;
        }
        if (e.code === 'conversation_closed') {
          this.onClosed(conv, null, null);
          return;
        }
        entry.state = 'failed';
        this.saveOutbox();
        this.emit('outbox', { entry, error: e });
      })
      .finally(() => {
        if (conv.inflight === entry.clientMsgId) conv.inflight = null;
        this.flush();
      });
  }

  removeFromOutbox(entry, seq) {
    this.outbox = this.outbox.filter((e) => e !== entry);
    entry.state = 'sent';
    entry.seq = seq;
    this.saveOutbox();
    this.emit('outbox', { entry });
  }

  saveOutbox() {
    this.storage.update({
      outbox: this.outbox.filter((e) => e.state === 'pending')
        .map(({ clientMsgId, conversationId, text, createdAt }) => ({ clientMsgId, conversationId, text, createdAt, state: 'pending' })),
    });
  }

  /** Called while the visitor types; sends typing at most once per 3 s, and stops when idle. */
  typing(hasText) {
    const conv = this.conversation;
    if (!conv || conv.status === 'closed' || !this.connection.isOpen) return;
    clearTimeout(this.typingIdleTimer);
    if (hasText) {
      const now = Date.now();
      if (!this.typingActive || now - this.typingSentAt >= TYPING_THROTTLE_MS) {
        this.typingActive = true;
        this.typingSentAt = now;
        this.connection.request({ type: 'typing', conversationId: conv.id, active: true }).catch(() => {});
      }
      this.typingIdleTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    } else if (this.typingActive) {
      this.typingActive = false;
      this.typingSentAt = 0;
      this.connection.request({ type: 'typing', conversationId: conv.id, active: false }).catch(() => {});
    }
  }

  /** Marks everything shown as read (call when the panel is visible). */
  markRead() {
    const conv = this.conversation;
    if (!conv || !this.visible || !this.connection.isOpen || conv.lastSeq <= conv.readSent) return;
    const fromOthers = conv.messages.some((m) => m.seq > conv.readSent && m.sender && m.sender.role !== 'visitor');
    if (!fromOthers) return;
    const seq = conv.lastSeq;
    conv.readSent = seq;
    this.connection.request({ type: 'read', conversationId: conv.id, seq }).catch(() => {
      if (conv.readSent === seq) conv.readSent = 0;
    });
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible) this.markRead();
  }

  async end() {
    const conv = this.conversation;
    if (!conv || conv.status === 'closed') return;
    try {
      await this.connection.request({ type: 'close', conversationId: conv.id });
    } catch (e) {
      if (e.code !== 'conversation_closed') throw e;
    }
    this.onClosed(conv, 'visitor', null);
  }

  async rate(score, comment) {
    const conv = this.conversation;
    const command = { type: 'rate', conversationId: conv.id, score };
    if (comment) command.comment = comment;
    await this.connection.request(command);
    this.storage.update({ rated: true });
  }

  /** Forgets the closed conversation so that the pre-chat form shows again. */
  newChat() {
    this.storage.update({ conversationId: undefined, rated: undefined, startedAt: undefined });
    this.conversation = null;
    this.emit('conversation', null);
  }

  markRated() {
    this.storage.update({ rated: true });
  }

  setContext(context) {
    this.context = context;
    this.sendContext();
  }

  sendContext() {
    if (!this.context || !this.connection.isOpen) return;
    const url = String(this.context.url || '').slice(0, 2048);
    if (!url) return;
    const command = { type: 'context', url };
    const optional = {
      title: String(this.context.title || '').slice(0, 512),
      userAgent: navigator.userAgent.slice(0, 512),
      language: (navigator.language || '').slice(0, 35),
      timeZone: (Intl.DateTimeFormat().resolvedOptions().timeZone || '').slice(0, 64),
    };
    for (const [name, value] of Object.entries(optional)) if (value) command[name] = value;
    // Servers before feature level 2 answer unknown_type; the chat works without it.
    this.connection.request(command).catch(() => {});
  }

  /** Updates the contact's name, email or phone. Throws CommandError (invalid_field). */
  async profile(changes) {
    const command = { type: 'profile' };
    for (const name of ['name', 'email', 'phone']) if (changes[name]) command[name] = changes[name];
    if (Object.keys(command).length === 1 || !this.connection.isOpen) return;
    await this.connection.request(command);
  }

  /** POST /v1/tickets with the visitor token. Throws HttpError. */
  async leaveMessage({ name, email, message, queue }) {
    const body = { name, email, message };
    if (queue) body.queue = queue;
    const token = await this.token();
    return fetchJson(new URL('/v1/tickets', this.baseUrl), { method: 'POST', body, token });
  }
}
