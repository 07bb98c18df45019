// The protocol client shared by the widget and the console: one Connection plus the client's
// delivery duties of PROTOCOL.md section 8.5, per conversation:
// - messages are deduplicated and delivered in seq order; a message beyond the next seq is held
//   back and the conversation is resumed to fill the gap;
// - after every welcome each conversation is resumed from its own lastSeq (the listed ones, and
//   the ones known as open that the welcome no longer lists), `resumed.more` pages on, and
//   `resume_gap` discards the local copy and reloads from 0;
// - an outbox sends one message at a time with a stable clientMsgId, resends it after a
//   reconnect (once the conversation is resumed) and after a temporary error (with backoff),
//   until an `ack` or the message itself arrives; a permanent error marks it failed.
// The apps keep their own state on top (the widget's one conversation, the console's inbox) and
// listen to the events below.

import { Connection, CommandError } from './connection.js';
import { Emitter } from './emitter.js';
import { ConversationState, uuid } from './conversation.js';
import { newEntry, sendFrame, keptEntries, restoredEntries, retryDelay } from './outbox-entries.js';

export { CommandError, ConversationState, uuid };

/**
 * Events (each with one detail object):
 * - 'state' {state, detail}: the connection's state (see Connection)
 * - 'welcome' {welcome, listed}: after the listed conversations are tracked and before anything
 *   is resumed; listeners may track or forget conversations here
 * - 'message' {conversation, message}: a committed message, in seq order, exactly once
 * - 'outbox' {conversation, entry, error?}: an entry was added, sent, acknowledged (state 'sent'),
 *   failed, retried or discarded
 * - 'ack' {conversation, entry, ack}: the server acknowledged one of our sends
 * - 'read' {conversation, seq}: the other side read up to seq
 * - 'closed' {conversation, event, wasClosed, source}: the conversation is closed; source is
 *   'event' (the server's `closed`), 'resume', 'send' (conversation_closed) or 'local'
 * - 'resumed' {conversation, reply}: caught up after a resume; 'reset' {conversation}: the local
 *   copy was discarded after resume_gap; 'gone' {conversation, code}: forbidden or not_found
 * - 'event' (frame): every other server event, and events of conversations not tracked
 */
export class ProtocolClient extends Emitter {
  /**
   * @param {object} options the Connection's options (url, token, WebSocket, onAuthFailure,
   *     onAuthRevoked, authFailureAfter, timing) and:
   * @param {'visitor' | 'agent'} options.side the side this client writes for
   * @param {{load(id: string): object[], save(id: string, entries: object[]): void}} [options.outboxStore]
   *     where unacknowledged messages survive a reload
   * @param {(id: string) => ConversationState} [options.createConversation]
   * @param {{min: number, max: number}} [options.retry] backoff after temporary send errors
   */
  constructor(options) {
    super();
    this.side = options.side;
    this.outboxStore = options.outboxStore || null;
    this.createConversation = options.createConversation || ((id) => new ConversationState(id));
    this.retryMin = options.retry?.min ?? 1000;
    this.retryMax = options.retry?.max ?? 10000;
    this.conversations = new Map();
    this.welcome = null;
    this.connection = new Connection({
      ...options,
      onWelcome: (welcome) => this.onWelcome(welcome),
      onEvent: (event) => this.dispatch(event),
      onState: (state, detail) => this.emit('state', { state, detail }),
    });
  }

  start() {
    this.connection.start();
  }

  stop() {
    this.connection.stop();
  }

  get isOpen() {
    return this.connection.isOpen;
  }

  /** Sends any other command; resolves with its reply, rejects with a CommandError. */
  request(command, options) {
    return this.connection.request(command, options);
  }

  get(id) {
    return this.conversations.get(id);
  }

  /** The conversation's state, created (with its saved outbox) when it is new. */
  track(id) {
    let conv = this.conversations.get(id);
    if (!conv) {
      conv = this.createConversation(id);
      conv.outbox = restoredEntries(this.outboxStore ? this.outboxStore.load(id) : [], id);
      this.conversations.set(id, conv);
    }
    return conv;
  }

  /** Stops tracking a conversation and drops its outbox. */
  forget(id) {
    const conv = this.conversations.get(id);
    if (!conv) return;
    clearTimeout(conv.retryTimer);
    clearTimeout(conv.resumeTimer);
    this.conversations.delete(id);
    conv.outbox = [];
    if (this.outboxStore) this.outboxStore.save(id, []);
  }

  // ---- server frames -----------------------------------------------------------------------

  onWelcome(welcome) {
    this.welcome = welcome;
    const listed = new Set();
    for (const entry of welcome.conversations || []) {
      if (!entry || !entry.conversationId) continue;
      listed.add(entry.conversationId);
      const conv = this.track(entry.conversationId);
      if (entry.status) conv.status = entry.status;
      if (entry.queue) conv.queue = entry.queue;
      if (entry.agent) conv.agent = entry.agent;
    }
    for (const conv of this.conversations.values()) conv.ready = false;
    this.emit('welcome', { welcome, listed });
    // A conversation known as open that the welcome no longer lists was closed (or, for an
    // agent, given to someone else) meanwhile: resuming it gives its final messages and status.
    for (const conv of [...this.conversations.values()]) {
      if (listed.has(conv.id) || conv.status !== 'closed') this.resume(conv);
    }
  }

  /** Handles one server event (the apps also pass events here that they held back). */
  dispatch(event) {
    const conv = event.conversationId ? this.conversations.get(event.conversationId) : null;
    if (!conv) {
      this.emit('event', event);
      return;
    }
    switch (event.type) {
      case 'message':
        this.onMessage(conv, event);
        return;
      case 'ack': {
        // A late reply to a send that timed out on this side.
        const entry = conv.outbox.find((e) => e.clientMsgId === event.clientMsgId);
        if (entry) this.settle(conv, entry, event.seq);
        return;
      }
      case 'read':
        if (event.role !== this.side && typeof event.seq === 'number' && event.seq > conv.peerReadSeq) {
          conv.peerReadSeq = event.seq;
          this.emit('read', { conversation: conv, seq: event.seq });
        }
        return;
      case 'closed':
        this.close(conv, event, 'event');
        return;
      default:
        this.emit('event', event);
    }
  }

  onMessage(conv, message) {
    if (typeof message.seq !== 'number' || message.seq <= conv.lastSeq) return; // a duplicate
    if (message.seq > conv.lastSeq + 1) {
      conv.buffered.set(message.seq, message);
      this.resume(conv);
      return;
    }
    this.append(conv, message);
    let next;
    while ((next = conv.buffered.get(conv.lastSeq + 1))) {
      conv.buffered.delete(next.seq);
      this.append(conv, next);
    }
    for (const seq of [...conv.buffered.keys()]) if (seq <= conv.lastSeq) conv.buffered.delete(seq);
  }

  append(conv, message) {
    conv.lastSeq = message.seq;
    conv.messages.push(message);
    // Our own message came back: it is stored, whether or not its ack arrived yet.
    const entry = conv.outbox.find((e) => e.clientMsgId === message.clientMsgId);
    if (entry) this.settle(conv, entry, message.seq);
    this.emit('message', { conversation: conv, message });
  }

  /**
   * Marks the conversation closed (source: see the 'closed' event), fails what its outbox still
   * holds, and resumes when the server has messages we lack.
   */
  close(conv, event = {}, source = 'local') {
    const wasClosed = conv.status === 'closed';
    conv.status = 'closed';
    if (typeof event.lastSeq === 'number' && event.lastSeq > conv.lastSeq && source !== 'resume') this.resume(conv);
    let changed = false;
    for (const entry of conv.outbox) {
      if (entry.state === 'failed') continue;
      entry.state = 'failed';
      entry.error = 'conversation_closed';
      changed = true;
      this.emit('outbox', { conversation: conv, entry });
    }
    if (changed) this.saveOutbox(conv);
    this.emit('closed', { conversation: conv, event, wasClosed, source });
  }

  // ---- resume ------------------------------------------------------------------------------

  /**
   * Replays what the server holds after conv.lastSeq, page by page, then sends what the outbox
   * holds. One resume per conversation at a time; asking during one repeats it afterwards.
   */
  async resume(conv) {
    if (!this.connection.isOpen) return;
    if (conv.resuming) {
      conv.resumeAgain = true;
      return;
    }
    conv.resuming = true;
    conv.resumeAgain = false;
    const startSeq = conv.lastSeq;
    let reply = null;
    let gone = null;
    let retryAfterMs = 0;
    try {
      for (;;) {
        try {
          reply = await this.connection.request({ type: 'resume', conversationId: conv.id, lastSeq: conv.lastSeq });
        } catch (e) {
          if (e instanceof CommandError && e.code === 'resume_gap') {
            // Our copy does not match the server's: discard it and load from the first message.
            this.reset(conv);
            continue;
          }
          if (e instanceof CommandError && (e.code === 'not_found' || e.code === 'forbidden')) gone = e.code;
          // A rate limit says when to ask again; other temporary errors wait for the next welcome.
          if (e instanceof CommandError && e.code === 'rate_limited') retryAfterMs = Math.max(e.retryAfterMs, 1000);
          reply = null;
          break; // disconnected or temporary: the next welcome resumes again
        }
        if (this.conversations.get(conv.id) !== conv) return;
        if (!reply.more) break;
      }
    } finally {
      conv.resuming = false;
    }
    if (gone) {
      this.emit('gone', { conversation: conv, code: gone });
      return;
    }
    if (retryAfterMs > 0) {
      clearTimeout(conv.resumeTimer);
      conv.resumeTimer = setTimeout(() => this.conversations.get(conv.id) === conv && this.resume(conv), retryAfterMs);
    }
    if (!reply) return;
    if (reply.status === 'closed') {
      if (conv.status !== 'closed') this.close(conv, { lastSeq: reply.lastSeq }, 'resume');
    } else if (reply.status && conv.status !== 'closed') {
      conv.status = reply.status;
    }
    conv.ready = true;
    this.emit('resumed', { conversation: conv, reply });
    if ((conv.buffered.size > 0 || conv.resumeAgain) && this.connection.isOpen) {
      // A gap opened while we were resuming: close it, after a pause if this round got nowhere.
      conv.resumeAgain = false;
      if (conv.lastSeq > startSeq) this.resume(conv);
      else setTimeout(() => this.conversations.get(conv.id) === conv && this.resume(conv), 1000);
      return;
    }
    this.flush(conv);
  }

  /** Discards the local copy of the conversation's messages (after resume_gap). */
  reset(conv) {
    conv.lastSeq = 0;
    conv.messages = [];
    conv.buffered.clear();
    this.emit('reset', { conversation: conv });
  }

  // ---- outbox ------------------------------------------------------------------------------

  /**
   * Puts a message in the conversation's outbox and sends it when possible; returns the entry.
   * `attachments` are files already uploaded ({id, name, ...}); the message names their ids.
   */
  send(conv, text, attachments = []) {
    if (!conv || conv.status === 'closed') return null;
    const entry = newEntry(conv.id, text, attachments);
    conv.outbox.push(entry);
    this.saveOutbox(conv);
    this.emit('outbox', { conversation: conv, entry });
    this.flush(conv);
    return entry;
  }

  /** Sends a failed entry again, with the same clientMsgId. */
  retry(conv, clientMsgId) {
    const entry = conv && conv.outbox.find((e) => e.clientMsgId === clientMsgId);
    if (!entry || conv.status === 'closed') return;
    entry.state = 'pending';
    entry.error = null;
    this.saveOutbox(conv);
    this.emit('outbox', { conversation: conv, entry });
    this.flush(conv);
  }

  discard(conv, clientMsgId) {
    const entry = conv && conv.outbox.find((e) => e.clientMsgId === clientMsgId);
    if (!entry || conv.inflight === clientMsgId) return;
    conv.outbox = conv.outbox.filter((e) => e !== entry);
    entry.state = 'discarded';
    this.saveOutbox(conv);
    this.emit('outbox', { conversation: conv, entry });
  }

  /** Sends the oldest pending entry, when none is in flight and the conversation is resumed. */
  flush(conv) {
    if (!this.connection.isOpen || !conv.ready || conv.resuming || conv.inflight) return;
    if (conv.status === 'closed' || this.conversations.get(conv.id) !== conv) return;
    const entry = conv.outbox.find((e) => e.state === 'pending');
    if (!entry) return;
    clearTimeout(conv.retryTimer);
    conv.inflight = entry.clientMsgId;
    entry.state = 'sending';
    this.emit('outbox', { conversation: conv, entry });
    this.connection.request(sendFrame(conv.id, entry))
      .then((ack) => {
        conv.retryAttempt = 0;
        if (conv.outbox.includes(entry)) this.settle(conv, entry, ack.seq);
        this.emit('ack', { conversation: conv, entry, ack });
        if (conv.inflight === entry.clientMsgId) conv.inflight = null;
        this.flush(conv);
      }, (error) => this.sendFailed(conv, entry, error));
  }

  sendFailed(conv, entry, error) {
    if (conv.inflight === entry.clientMsgId) conv.inflight = null;
    if (!conv.outbox.includes(entry)) {
      this.flush(conv);
      return;
    }
    if (error.temporary) {
      // Kept, and sent again unchanged: the server stores a clientMsgId once.
      entry.state = 'pending';
      this.emit('outbox', { conversation: conv, entry, error });
      if (error.code !== 'disconnected') {
        // (after a lost connection the next welcome resumes and then sends)
        const delay = retryDelay(conv.retryAttempt++, this.retryMin, this.retryMax, error.retryAfterMs);
        clearTimeout(conv.retryTimer);
        conv.retryTimer = setTimeout(() => this.flush(conv), delay);
      }
      return;
    }
    if (error.code === 'conversation_closed') {
      this.close(conv, {}, 'send');
      this.resume(conv);
      return;
    }
    entry.state = 'failed';
    entry.error = error.code;
    this.saveOutbox(conv);
    this.emit('outbox', { conversation: conv, entry, error });
    this.flush(conv);
  }

  /** The entry is stored with this seq: it leaves the outbox. */
  settle(conv, entry, seq) {
    conv.outbox = conv.outbox.filter((e) => e !== entry);
    entry.state = 'sent';
    entry.seq = seq;
    if (conv.inflight === entry.clientMsgId) conv.inflight = null;
    this.saveOutbox(conv);
    this.emit('outbox', { conversation: conv, entry });
    this.flush(conv);
  }

  saveOutbox(conv) {
    if (!this.outboxStore || this.conversations.get(conv.id) !== conv) return;
    this.outboxStore.save(conv.id, keptEntries(conv.outbox));
  }

  // ---- reading -----------------------------------------------------------------------------

  /**
   * Tells the server we read everything we hold, when the other side wrote something since we
   * last did. Resolves true when the read was sent and acknowledged.
   */
  markRead(conv) {
    if (!conv || !this.connection.isOpen || conv.lastSeq <= conv.readSent) return Promise.resolve(false);
    const fromOthers = conv.messages.some((m) => m.seq > conv.readSent && m.sender && m.sender.role !== this.side);
    if (!fromOthers) return Promise.resolve(false);
    const seq = conv.lastSeq;
    const previous = conv.readSent;
    conv.readSent = seq;
    return this.connection.request({ type: 'read', conversationId: conv.id, seq }).then(() => true, () => {
      if (conv.readSent === seq) conv.readSent = previous;
      return false;
    });
  }
}
