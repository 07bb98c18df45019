// The agent's conversations and the client side of the delivery rules (protocol section 8.5):
// per conversation the highest contiguous seq, a buffer for out-of-order messages, resume after
// every welcome, and an outbox that sends one message at a time with a stable clientMsgId.

import { CommandError } from './connection.js';

const TYPING_TIMEOUT_MS = 10000;
const EARLY_TYPES = new Set(['message', 'context', 'typing', 'read', 'note']);
const EARLY_KEEP_MS = 30000;
const ASSIGNED_CATCH_UP_MS = 1000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10000;

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

class Conversation {
  constructor(id) {
    this.id = id;
    this.status = 'assigned';
    this.queue = null;
    this.visitor = null; // {id, name}
    this.fields = {};
    this.lastSeq = 0;
    this.messages = [];
    this.buffer = new Map();
    this.gapResume = false;
    this.ready = false;
    this.outbox = [];
    this.inflight = null;
    this.retryTimer = null;
    this.retryAttempt = 0;
    this.notes = [];
    this.notesLoaded = false;
    this.events = []; // system lines: transfers, close
    this.unread = 0;
    this.visitorTyping = false;
    this.typingTimer = null;
    this.visitorReadSeq = 0;
    this.readSent = 0;
    this.accepted = false;
    this.isNew = false;
    this.closed = null; // {by, disposition, at}
    this.context = null;
    this.details = null;
    this.assignedAt = null;
  }

  get visitorName() {
    return this.details?.contact?.name || this.visitor?.name || this.fields?.name || 'Visitor';
  }

  get lastActivity() {
    const last = this.messages[this.messages.length - 1];
    return last?.at || this.assignedAt || null;
  }
}

export class Inbox extends EventTarget {
  /**
   * @param {import('./connection.js').Connection} connection
   * @param {{userId: string, role: string}} me
   */
  constructor(connection, me) {
    super();
    this.connection = connection;
    this.me = me;
    this.conversations = new Map();
    this.activeId = null;
    this.early = [];
    this.storageKey = `switchboard.console.outbox.${me.userId}`;
  }

  get list() {
    return [...this.conversations.values()];
  }

  get(id) {
    return this.conversations.get(id);
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  changed(conversation, what = 'update') {
    this.emit('change', { id: conversation?.id, what });
  }

  ensure(id) {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = new Conversation(id);
      this.conversations.set(id, conversation);
      const saved = this.loadOutbox()[id];
      if (saved) conversation.outbox = saved.map((e) => ({ ...e, state: 'pending' }));
    }
    return conversation;
  }

  remove(id, reason) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    clearTimeout(conversation.retryTimer);
    clearTimeout(conversation.typingTimer);
    this.conversations.delete(id);
    this.saveOutbox();
    if (this.activeId === id) this.activeId = null;
    this.emit('removed', { id, reason, name: conversation.visitorName });
    this.changed(null, 'list');
  }

  // ---- events from the server -------------------------------------------------------------

  handle(event) {
    const conversation = event.conversationId ? this.conversations.get(event.conversationId) : null;
    if (event.conversationId && !conversation && EARLY_TYPES.has(event.type)) {
      // An event can overtake the `assigned` that introduces its conversation: keep it briefly.
      this.early.push({ event, at: Date.now() });
      this.early = this.early.filter((e) => Date.now() - e.at < EARLY_KEEP_MS).slice(-200);
      return undefined;
    }
    switch (event.type) {
      case 'welcome': return this.onWelcome(event);
      case 'assigned': return this.onAssigned(event);
      case 'message': return conversation && this.onMessage(conversation, event);
      case 'typing':
        if (conversation && event.role === 'visitor') this.setVisitorTyping(conversation, event.active === true);
        return undefined;
      case 'read':
        if (conversation && event.role === 'visitor' && event.seq > conversation.visitorReadSeq) {
          conversation.visitorReadSeq = event.seq;
          this.changed(conversation, 'read');
        }
        return undefined;
      case 'closed': return conversation && this.onClosed(conversation, event);
      case 'note': return conversation && this.onNote(conversation, event);
      case 'context':
        if (conversation) {
          conversation.context = { ...event };
          this.changed(conversation, 'context');
        }
        return undefined;
      case 'transferred':
        if (conversation) {
          const to = event.toAgent?.name || event.toQueue || 'another agent';
          conversation.events.push({ key: `t:${event.at}`, at: event.at, text: `Transferred to ${to}`, note: event.note });
          this.changed(conversation, 'timeline');
        }
        return undefined;
      case 'unassigned':
        if (conversation) this.remove(event.conversationId, event.reason || 'unassigned');
        return undefined;
      default:
        return undefined;
    }
  }

  onWelcome(welcome) {
    const listed = new Set();
    for (const entry of welcome.conversations || []) {
      listed.add(entry.conversationId);
      const conversation = this.ensure(entry.conversationId);
      conversation.status = entry.status || conversation.status;
      conversation.queue = entry.queue ?? conversation.queue;
      conversation.ready = false;
      conversation.inflight = null;
    }
    // Open conversations we showed that welcome no longer lists were closed or moved meanwhile:
    // resuming them gives their final messages and status, or `forbidden`.
    for (const conversation of this.conversations.values()) {
      conversation.ready = false;
      conversation.inflight = null;
      conversation.notesLoaded = false;
      this.resume(conversation, listed.has(conversation.id) || !conversation.closed);
    }
    this.changed(null, 'list');
  }

  onAssigned(event) {
    const existed = this.conversations.has(event.conversationId);
    const conversation = this.ensure(event.conversationId);
    conversation.status = 'assigned';
    conversation.closed = null;
    conversation.queue = event.queue;
    conversation.visitor = event.visitor || conversation.visitor;
    conversation.fields = event.fields || {};
    conversation.assignedAt = event.at;
    conversation.accepted = false;
    // The server sends the transcript from seq 1 by itself after `assigned`.
    conversation.ready = true;
    conversation.isNew = true;
    const early = this.early.filter((e) => e.event.conversationId === conversation.id);
    this.early = this.early.filter((e) => e.event.conversationId !== conversation.id);
    for (const { event: earlier } of early) this.handle(earlier);
    this.emit('assigned', { id: conversation.id, name: conversation.visitorName, existed });
    this.changed(null, 'list');
    this.flush(conversation);
    // The server replays the transcript after `assigned`. A message committed while the
    // assignment was being made can still slip between the two, so resume once shortly after:
    // resuming is always safe, and anything already held is dropped by seq.
    setTimeout(() => {
      if (this.conversations.get(conversation.id) === conversation && conversation.status !== 'closed'
        && !conversation.gapResume) this.resume(conversation, true);
    }, ASSIGNED_CATCH_UP_MS);
  }

  onMessage(conversation, message) {
    if (message.seq <= conversation.lastSeq) return; // duplicate
    if (message.seq > conversation.lastSeq + 1) {
      conversation.buffer.set(message.seq, message);
      if (!conversation.gapResume) {
        conversation.gapResume = true;
        this.resume(conversation, true).finally(() => { conversation.gapResume = false; });
      }
      return;
    }
    this.append(conversation, message);
    let next;
    while ((next = conversation.buffer.get(conversation.lastSeq + 1))) {
      conversation.buffer.delete(next.seq);
      this.append(conversation, next);
    }
    for (const seq of conversation.buffer.keys()) if (seq <= conversation.lastSeq) conversation.buffer.delete(seq);
    this.changed(conversation, 'timeline');
    this.changed(null, 'list');
  }

  append(conversation, message) {
    conversation.messages.push(message);
    conversation.lastSeq = message.seq;
    const fromVisitor = message.sender?.role === 'visitor';
    if (fromVisitor) {
      if (!conversation.visitor) conversation.visitor = { ...message.sender };
      else if (!conversation.visitor.name && message.sender.name) conversation.visitor.name = message.sender.name;
      this.setVisitorTyping(conversation, false, true);
      if (this.activeId !== conversation.id || document.hidden) conversation.unread++;
      this.emit('visitor-message', { id: conversation.id });
    }
    const index = conversation.outbox.findIndex((e) => e.clientMsgId === message.clientMsgId);
    if (index >= 0 && !fromVisitor) {
      // Our own message came back: it is stored; the outbox entry is done.
      const [entry] = conversation.outbox.splice(index, 1);
      this.saveOutbox();
      if (conversation.inflight === entry.clientMsgId) {
        conversation.inflight = null;
        this.flush(conversation);
      }
    }
  }

  onClosed(conversation, event) {
    conversation.status = 'closed';
    conversation.closed = { by: event.by, disposition: event.disposition, at: event.at };
    this.setVisitorTyping(conversation, false, true);
    conversation.events.push({
      key: `c:${event.at}`, at: event.at,
      text: `Conversation closed by ${event.by === 'agent' ? 'the agent' : event.by === 'visitor' ? 'the visitor' : 'the system'}`
        + (event.disposition ? ` · ${event.disposition.replace('_', ' ')}` : ''),
    });
    if (event.lastSeq > conversation.lastSeq) this.resume(conversation, true);
    for (const entry of conversation.outbox) entry.state = 'failed';
    this.changed(conversation, 'timeline');
    this.changed(null, 'list');
  }

  onNote(conversation, event) {
    if (conversation.notes.some((n) => n.noteId === event.noteId)) return;
    const local = conversation.notes.findIndex((n) => n.local && n.text === event.text
      && event.author?.id === this.me.userId);
    if (local >= 0) conversation.notes.splice(local, 1);
    conversation.notes.push({ noteId: event.noteId, author: event.author, text: event.text, at: event.at });
    this.changed(conversation, 'timeline');
  }

  setVisitorTyping(conversation, active, quiet = false) {
    clearTimeout(conversation.typingTimer);
    if (active) {
      conversation.typingTimer = setTimeout(() => this.setVisitorTyping(conversation, false), TYPING_TIMEOUT_MS);
    }
    if (conversation.visitorTyping === active) return;
    conversation.visitorTyping = active;
    if (!quiet) this.changed(conversation, 'typing');
    else this.changed(conversation, 'typing');
  }

  // ---- resume ------------------------------------------------------------------------------

  async resume(conversation, follow = true) {
    if (!follow) return;
    let from = conversation.lastSeq;
    try {
      for (;;) {
        const reply = await this.connection.command({ type: 'resume', conversationId: conversation.id, lastSeq: from });
        if (!this.conversations.has(conversation.id)) return;
        if (reply.status === 'closed' && conversation.status !== 'closed') {
          conversation.status = 'closed';
          conversation.closed = conversation.closed || { by: 'system', at: null };
          for (const entry of conversation.outbox) entry.state = 'failed';
        } else if (reply.status && reply.status !== 'closed') {
          conversation.status = reply.status;
        }
        if (!reply.more) break;
        from = reply.lastSeq;
      }
      conversation.ready = true;
      conversation.retryAttempt = 0;
      this.changed(conversation, 'timeline');
      this.flush(conversation);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      if (error.code === 'resume_gap') {
        conversation.messages = [];
        conversation.buffer.clear();
        conversation.lastSeq = 0;
        this.changed(conversation, 'reset');
        return this.resume(conversation, true);
      }
      if (error.code === 'forbidden' || error.code === 'not_found') {
        this.remove(conversation.id, 'gone');
      }
      // disconnected: the next welcome resumes again.
    }
    return undefined;
  }

  // ---- outbox ------------------------------------------------------------------------------

  /** Queues a chat message; it is shown as pending until the server acknowledges it. */
  send(id, text) {
    const conversation = this.conversations.get(id);
    if (!conversation || conversation.status === 'closed') return;
    conversation.outbox.push({ clientMsgId: uuid(), text, state: 'pending', createdAt: new Date().toISOString() });
    this.saveOutbox();
    this.changed(conversation, 'timeline');
    this.flush(conversation);
  }

  retry(id, clientMsgId) {
    const conversation = this.conversations.get(id);
    const entry = conversation?.outbox.find((e) => e.clientMsgId === clientMsgId);
    if (!entry || conversation.status === 'closed') return;
    entry.state = 'pending';
    entry.error = null;
    this.changed(conversation, 'timeline');
    this.flush(conversation);
  }

  discard(id, clientMsgId) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    conversation.outbox = conversation.outbox.filter((e) => e.clientMsgId !== clientMsgId);
    this.saveOutbox();
    this.changed(conversation, 'timeline');
  }

  /** Sends the oldest pending message, if none is in flight and the conversation is resumed. */
  flush(conversation) {
    if (!this.connection.isOpen || !conversation.ready || conversation.inflight) return;
    if (conversation.status === 'closed') return;
    const entry = conversation.outbox.find((e) => e.state === 'pending');
    if (!entry) return;
    conversation.inflight = entry.clientMsgId;
    entry.state = 'sending';
    this.connection.command({
      type: 'send', conversationId: conversation.id, clientMsgId: entry.clientMsgId, text: entry.text,
    }).then(() => {
      conversation.retryAttempt = 0;
      conversation.accepted = true;
      const index = conversation.outbox.indexOf(entry);
      if (index >= 0) conversation.outbox.splice(index, 1);
      this.saveOutbox();
      if (conversation.inflight === entry.clientMsgId) conversation.inflight = null;
      this.changed(conversation, 'timeline');
      this.flush(conversation);
    }, (error) => {
      if (conversation.inflight === entry.clientMsgId) conversation.inflight = null;
      if (!conversation.outbox.includes(entry)) return;
      if (error.temporary) {
        entry.state = 'pending';
        if (error.code !== 'disconnected') {
          const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** conversation.retryAttempt++);
          clearTimeout(conversation.retryTimer);
          conversation.retryTimer = setTimeout(() => this.flush(conversation), delay * (0.5 + Math.random() / 2));
        }
      } else {
        entry.state = 'failed';
        entry.error = error.code;
        this.saveOutbox();
        this.flush(conversation);
      }
      this.changed(conversation, 'timeline');
    });
  }

  loadOutbox() {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) || '{}');
    } catch {
      return {};
    }
  }

  saveOutbox() {
    const data = {};
    for (const conversation of this.conversations.values()) {
      const pending = conversation.outbox.filter((e) => e.state !== 'failed')
        .map(({ clientMsgId, text, createdAt }) => ({ clientMsgId, text, createdAt }));
      if (pending.length) data[conversation.id] = pending;
    }
    if (Object.keys(data).length) localStorage.setItem(this.storageKey, JSON.stringify(data));
    else localStorage.removeItem(this.storageKey);
  }

  // ---- other commands ----------------------------------------------------------------------

  /** Marks the conversation as the one on screen: accepts it and sends `read`. */
  activate(id) {
    this.activeId = id;
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    conversation.isNew = false;
    if (!conversation.accepted && conversation.status !== 'closed') {
      conversation.accepted = true;
      this.connection.command({ type: 'accept', conversationId: id }).catch((error) => {
        if (error.code === 'conflict' || error.code === 'forbidden') this.remove(id, 'taken');
        else if (error.temporary) conversation.accepted = false;
      });
    }
    this.markRead(conversation);
    this.changed(null, 'list');
  }

  markRead(conversation) {
    if (!conversation || document.hidden || this.activeId !== conversation.id) return;
    const hadUnread = conversation.unread > 0;
    conversation.unread = 0;
    if (conversation.lastSeq > conversation.readSent && conversation.status !== 'closed') {
      const seq = conversation.lastSeq;
      conversation.readSent = seq;
      this.connection.command({ type: 'read', conversationId: conversation.id, seq })
        .catch(() => { if (conversation.readSent === seq) conversation.readSent = 0; });
    }
    if (hadUnread) this.changed(null, 'list');
  }

  typing(id, active) {
    return this.connection.command({ type: 'typing', conversationId: id, active }).catch(() => {});
  }

  async note(id, text) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    const local = { noteId: `local:${uuid()}`, local: true, author: { id: this.me.userId, name: this.me.name }, text, at: new Date().toISOString() };
    conversation.notes.push(local);
    this.changed(conversation, 'timeline');
    try {
      await this.connection.command({ type: 'note', conversationId: id, text });
      local.saved = true;
    } catch (error) {
      local.failed = error.code || 'failed';
    }
    this.changed(conversation, 'timeline');
  }

  setNotes(id, notes) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    const known = new Map(conversation.notes.filter((n) => !n.local).map((n) => [n.noteId, n]));
    for (const note of notes) known.set(note.noteId, note);
    const locals = conversation.notes.filter((n) => n.local
      && ![...known.values()].some((k) => k.text === n.text && k.author?.id === this.me.userId));
    conversation.notes = [...known.values(), ...locals];
    conversation.notesLoaded = true;
    this.changed(conversation, 'timeline');
  }

  close(id, disposition, tags) {
    const command = { type: 'close', conversationId: id, disposition };
    if (tags && tags.length) command.tags = tags;
    return this.connection.command(command);
  }

  transfer(id, target, note) {
    const command = { type: 'transfer', conversationId: id, ...target };
    if (note) command.note = note;
    return this.connection.command(command);
  }

  /** Number of conversations that want attention (new or with unread visitor messages). */
  get attentionCount() {
    let count = 0;
    for (const conversation of this.conversations.values()) {
      if (conversation.isNew || conversation.unread > 0) count++;
    }
    return count;
  }

  get newCount() {
    return this.list.filter((c) => c.isNew).length;
  }
}
