// The visitor's side of the chat: the visitor token, the one conversation the widget shows, and
// the visitor-only commands (start, typing, close, rate, context, profile). The delivery duties
// (seq order and dedupe, resume, the outbox) are the shared protocol client's, in common/.

import { ProtocolClient, uuid } from './common/client.js';
import { socketUrl } from './common/connection.js';
import { Emitter } from './common/emitter.js';
import { fetchJson } from './http.js';

export { uuid };

const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 5000;

/** The widget's outbox in its site storage: the entries of the conversation it shows. */
function outboxStore(storage) {
  return {
    load: (id) => (storage.load().outbox || []).filter((entry) => entry && entry.conversationId === id),
    save: (id, entries) => storage.update({
      outbox: entries.map(({ clientMsgId, text, attachments, createdAt }) =>
        ({ clientMsgId, conversationId: id, text, attachments: attachments || [], createdAt, state: 'pending' })),
    }),
  };
}

/**
 * Events: 'connection' (state), 'conversation' (the shown conversation changed or was reset),
 * 'message' (a committed message, in seq order), 'outbox' (an entry was added, acknowledged or
 * failed), 'queue', 'joined', 'typing', 'read', 'closed', 'transferred', 'resumed', 'ready'
 * (welcome handled), 'ticket' (one of the visitor's tickets changed, or a chat became a ticket).
 */
export class ChatModel extends Emitter {
  constructor({ baseUrl, siteKey, storage, visitPass = null }) {
    super();
    this.baseUrl = baseUrl;
    this.siteKey = siteKey;
    this.storage = storage;
    // The loader's visit pass from a shop page's first view: the visitor it made, taken over
    // once when this browser has no token yet.
    this.visitPass = visitPass;
    this.tokenRequest = null; // {proof, promise} of the POST /v1/visitors on its way
    this.conversation = null;
    this.context = null;
    this.welcome = null;
    this.typingSentAt = 0;
    this.typingActive = false;
    this.typingIdleTimer = null;
    this.client = new ProtocolClient({
      url: socketUrl(baseUrl, globalThis.location && globalThis.location.protocol),
      token: () => this.token(),
      onAuthFailure: () => this.refreshToken(),
      side: 'visitor',
      outboxStore: outboxStore(storage),
    });
    this.connection = this.client.connection;
    const stored = storage.load();
    if (stored.conversationId && !stored.rated) {
      // Shown at once (with what the visitor still has to send) and brought up to date by the
      // first welcome and resume; its status is learned from them.
      this.conversation = this.client.track(stored.conversationId);
    }
    this.bindClient();
  }

  bindClient() {
    const client = this.client;
    const mine = (conv) => conv === this.conversation;
    client.on('state', ({ state, detail }) => this.emit('connection', { state, detail }));
    client.on('welcome', ({ welcome, listed }) => this.onWelcome(welcome, listed));
    client.on('message', ({ conversation, message }) => {
      if (!mine(conversation)) return;
      const own = Boolean(message.sender && message.sender.role === 'visitor');
      if (!own) this.emit('typing', { active: false });
      this.emit('message', { message, own });
    });
    client.on('outbox', ({ conversation, entry, error }) => mine(conversation) && this.emit('outbox', { entry, error }));
    client.on('read', ({ conversation, seq }) => mine(conversation) && this.emit('read', { seq }));
    client.on('closed', ({ conversation, event, wasClosed }) => {
      if (mine(conversation) && !wasClosed) this.emit('closed', { by: event.by || null });
    });
    client.on('reset', ({ conversation }) => mine(conversation) && this.emit('conversation', conversation));
    client.on('gone', ({ conversation }) => mine(conversation) && this.forget());
    client.on('resumed', ({ conversation }) => {
      if (!mine(conversation)) return;
      this.emit('resumed', { conversation });
      this.markRead();
    });
    client.on('event', (event) => this.onEvent(event));
  }

  // ---- token --------------------------------------------------------------------------------

  /**
   * Gets or reuses the visitor token (POST /v1/visitors), for the verified identity when the host
   * page gave one; throws HttpError 404 for a bad site, 401 when the site accepts verified
   * visitors only (or the identity's signature is not valid).
   */
  refreshToken() {
    // One request at a time for the same identity: the boot's request and a report's, made
    // before either has stored a token, would otherwise make two visitors (and only one of them
    // would take over the loader's visitor).
    const proof = this.proof;
    if (this.tokenRequest && this.tokenRequest.proof === proof) return this.tokenRequest.promise;
    const promise = this.requestToken().finally(() => {
      if (this.tokenRequest && this.tokenRequest.promise === promise) this.tokenRequest = null;
    });
    this.tokenRequest = { proof, promise };
    return promise;
  }

  async requestToken() {
    const stored = this.storage.load();
    const body = { siteKey: this.siteKey };
    if (stored.token) body.visitorToken = stored.token;
    else if (this.visitPass && !this.proof) body.visitPass = this.visitPass;
    this.visitPass = null;
    if (this.proof) body.identity = this.proof;
    const reply = await fetchJson(new URL('/v1/visitors', this.baseUrl), { method: 'POST', body });
    if (stored.contactId && reply.contactId !== stored.contactId && reply.mergedFrom !== stored.contactId) {
      // A new contact: the old conversation and outbox belong to someone else. (A merge moved
      // the conversation to the survivor, so then the widget keeps both.)
      this.forget();
    }
    this.storage.update({ token: reply.visitorToken, contactId: reply.contactId, verified: Boolean(this.proof) });
    return reply.visitorToken;
  }

  /** Whether the stored token is for a verified identity (kept across reloads without a new proof). */
  get verified() {
    return Boolean(this.storage.load().verified);
  }

  /**
   * Becomes the visitor the host page's signed identity names: a new token, and a new connection
   * when the contact changed. Rejects with HttpError 401 when the signature is not valid.
   */
  async setIdentity(proof) {
    const before = this.storage.load().contactId;
    this.proof = proof;
    try {
      await this.refreshToken();
    } catch (e) {
      this.proof = null;
      throw e;
    }
    return this.storage.load().contactId !== before;
  }

  /** Forgets the visitor on this device: token, conversation and outbox. */
  reset() {
    this.proof = null;
    this.tokenRequest = null;
    this.forget();
    this.storage.update({ token: undefined, contactId: undefined, verified: undefined });
  }

  /** Connects again, with whatever token is stored now. */
  reconnect() {
    this.client.stop();
    this.client.start();
  }

  async token() {
    const stored = this.storage.load();
    return stored.token || this.refreshToken();
  }

  get visitorToken() {
    return this.storage.load().token;
  }

  connect() {
    this.client.start();
  }

  // ---- connection events --------------------------------------------------------------------

  /** Picks the conversation to show; the client then resumes it (and any other open one). */
  onWelcome(welcome, listed) {
    this.welcome = welcome;
    const stored = this.storage.load();
    const listedId = [...listed][0];
    if (listedId) {
      const conv = this.client.get(listedId);
      if (this.conversation !== conv) {
        if (this.conversation) this.client.forget(this.conversation.id);
        this.setConversation(conv);
      }
      if (stored.conversationId !== conv.id) {
        this.storage.update({ conversationId: conv.id, rated: undefined, startedAt: stored.startedAt || Date.now() });
      }
    } else if (!this.conversation && stored.conversationId && !stored.rated) {
      // Closed and not rated yet: show its history and the rating form.
      this.setConversation(this.client.track(stored.conversationId));
    }
    // Otherwise a conversation known as open is resumed for its final messages, and one shown
    // as closed stays as it is.
    this.sendContext();
    this.emit('ready', { welcome, conversation: this.conversation });
  }

  setConversation(conv) {
    this.conversation = conv;
    this.emit('conversation', conv);
  }

  onEvent(event) {
    if (event.type === 'invite') {
      this.emit('invite', event); // an agent invites the visitor to chat (level 9)
      return;
    }
    if (event.type === 'ticket') {
      // Not about a conversation: a ticket of this visitor changed (feature level 7).
      if (typeof event.ticketId === 'string') this.emit('ticket', event);
      return;
    }
    const conv = this.conversation;
    if (!conv || event.conversationId !== conv.id) return;
    switch (event.type) {
      case 'queue':
        conv.status = 'queued';
        this.emit('queue', { position: event.position, estimatedWaitSeconds: event.estimatedWaitSeconds });
        break;
      case 'agent_joined':
        // A supervisor joining a chat that has its agent (level 6) is announced, and the agent
        // stays the one the header names.
        if (conv.status !== 'assigned' || !conv.agent) conv.agent = event.agent;
        conv.status = 'assigned';
        this.emit('joined', { agent: event.agent, at: event.at });
        break;
      case 'typing':
        if (event.role !== 'visitor') this.emit('typing', { active: Boolean(event.active) });
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

  forget() {
    if (this.conversation) this.client.forget(this.conversation.id);
    this.conversation = null;
    this.storage.update({ conversationId: undefined, outbox: [], rated: undefined, startedAt: undefined });
    this.emit('conversation', null);
  }

  // ---- commands -----------------------------------------------------------------------------

  /**
   * Starts (or returns) the visitor's open conversation, in the visitor's language (a tag such as
   * 'zh-CN', optional). Throws CommandError.
   */
  async start({ queue, fields, language, invitation }) {
    const command = { type: 'start', fields };
    if (queue) command.queue = queue;
    if (invitation) command.invitation = invitation; // a reply to an invitation (level 9)
    if (language) command.language = language;
    const started = await this.client.request(command);
    if (!this.conversation || this.conversation.id !== started.conversationId) {
      if (this.conversation) this.client.forget(this.conversation.id);
      const conv = this.client.track(started.conversationId);
      conv.status = started.status;
      conv.queue = started.queue;
      this.storage.update({ conversationId: conv.id, rated: undefined,
        startedAt: Date.parse(started.createdAt) || Date.now() });
      this.setConversation(conv);
    }
    this.client.resume(this.conversation);
    // Staff following the new conversation see the page the visitor is on.
    this.sendContext();
    return started;
  }

  /**
   * Puts a message in the outbox and sends it when possible; returns the outbox entry. `files`
   * are uploaded attachments ({id, name, ...}); the message names their ids.
   */
  send(text, files = []) {
    const entry = this.client.send(this.conversation, text, files);
    if (entry) this.typing(false);
    return entry;
  }

  /** Outbox entries of the shown conversation, oldest first (none once it is closed). */
  pendingEntries() {
    const conv = this.conversation;
    return conv && conv.status !== 'closed' ? [...conv.outbox] : [];
  }

  retry(clientMsgId) {
    this.client.retry(this.conversation, clientMsgId);
  }

  /** Called while the visitor types; sends typing at most once per 3 s, and stops when idle. */
  typing(hasText) {
    const conv = this.conversation;
    if (!conv || conv.status === 'closed' || !this.client.isOpen) return;
    clearTimeout(this.typingIdleTimer);
    if (hasText) {
      const now = Date.now();
      if (!this.typingActive || now - this.typingSentAt >= TYPING_THROTTLE_MS) {
        this.typingActive = true;
        this.typingSentAt = now;
        this.client.request({ type: 'typing', conversationId: conv.id, active: true }).catch(() => {});
      }
      this.typingIdleTimer = setTimeout(() => this.typing(false), TYPING_IDLE_MS);
    } else if (this.typingActive) {
      this.typingActive = false;
      this.typingSentAt = 0;
      this.client.request({ type: 'typing', conversationId: conv.id, active: false }).catch(() => {});
    }
  }

  /** Marks everything shown as read (while the panel is visible). */
  markRead() {
    if (this.conversation && this.visible) this.client.markRead(this.conversation);
  }

  setVisible(visible) {
    this.visible = visible;
    if (visible) this.markRead();
  }

  async end() {
    const conv = this.conversation;
    if (!conv || conv.status === 'closed') return;
    try {
      await this.client.request({ type: 'close', conversationId: conv.id });
    } catch (e) {
      if (e.code !== 'conversation_closed') throw e;
    }
    this.client.close(conv, { by: 'visitor' }, 'local');
  }

  async rate(score, comment) {
    const conv = this.conversation;
    const command = { type: 'rate', conversationId: conv.id, score };
    if (comment) command.comment = comment;
    await this.client.request(command);
    this.storage.update({ rated: true });
  }

  /** Forgets the closed conversation so that the pre-chat form shows again. */
  newChat() {
    if (this.conversation) this.client.forget(this.conversation.id);
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
    if (!this.context || !this.client.isOpen) return;
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
    this.client.request(command).catch(() => {});
  }

  /** Updates the contact's name, email or phone. Throws CommandError (invalid_field). */
  async profile(changes) {
    const command = { type: 'profile' };
    for (const name of ['name', 'email', 'phone']) if (changes[name]) command[name] = changes[name];
    if (Object.keys(command).length === 1 || !this.client.isOpen) return;
    await this.client.request(command);
  }

  /** POST /v1/tickets with the visitor token; answers {ticketId, number}. Throws HttpError. */
  async leaveMessage({ name, email, message, queue }) {
    const body = { name, email, message };
    if (queue) body.queue = queue;
    const token = await this.token();
    return fetchJson(new URL('/v1/tickets', this.baseUrl), { method: 'POST', body, token });
  }
}
