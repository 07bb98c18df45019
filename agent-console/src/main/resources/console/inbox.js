// The agent's conversations: what the console knows about each one (visitor, notes, unread,
// typing, closing) on top of the shared protocol client, which keeps the delivery rules of
// protocol section 8.5 (seq order, resume, outbox). The browser keeps, per agent, the outbox and
// the read positions (the server does not store them), so a reload brings back neither unread
// badges for what the agent had seen nor "Delivered" for what the visitor had read.

import { ProtocolClient, uuid } from '../widget/common/client.js';
import { Conversation, stored } from './conversation.js';
import { t } from './i18n.js';
import { dispositionName } from './format.js';

const TYPING_TIMEOUT_MS = 10000;
const EARLY_TYPES = new Set(['message', 'context', 'typing', 'read', 'note']);
const EARLY_KEEP_MS = 30000;
const ASSIGNED_CATCH_UP_MS = 1000;

export class Inbox extends EventTarget {
  /**
   * @param {{userId: string, name: string, role: string, token: string}} me
   * @param {object} options onAuthRevoked(), onAuthFailure() (see Connection), and
   *     loadDetails(id): the conversation as GET /v1/conversations/{id} returns it
   */
  constructor(me, { onAuthRevoked, onAuthFailure, loadDetails }) {
    super();
    this.me = me;
    this.loadDetailsFor = loadDetails;
    this.activeId = null;
    this.early = [];
    this.outboxes = stored(`switchboard.console.outbox.${me.userId}`);
    this.reads = stored(`switchboard.console.reads.${me.userId}`);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.client = new ProtocolClient({
      url: `${scheme}://${location.host}/v1/ws`,
      token: () => me.token,
      onAuthRevoked,
      onAuthFailure,
      authFailureAfter: 1,
      side: 'agent',
      outboxStore: {
        load: (id) => this.outboxes.load()[id] || [],
        save: (id, entries) => {
          const all = this.outboxes.load();
          if (entries.length) all[id] = entries;
          else delete all[id];
          this.outboxes.save(all);
        },
      },
      createConversation: (id) => {
        const conversation = new Conversation(id);
        const read = this.reads.load()[id];
        if (read) {
          conversation.seenSeq = read.seen || 0;
          conversation.peerReadSeq = read.visitor || 0;
        }
        return conversation;
      },
    });
    this.connection = this.client.connection;
    this.bindClient();
  }

  get conversations() {
    return this.client.conversations;
  }

  get list() {
    return [...this.conversations.values()];
  }

  get(id) {
    return this.conversations.get(id);
  }

  start() {
    this.client.start();
  }

  stop() {
    this.client.stop();
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  changed(conversation, what = 'update') {
    this.emit('change', { id: conversation?.id, what });
  }

  remove(id, reason) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    clearTimeout(conversation.typingTimer);
    this.client.forget(id);
    this.saveReads();
    if (this.activeId === id) this.activeId = null;
    this.emit('removed', { id, reason, name: conversation.visitorName });
    this.changed(null, 'list');
  }

  // ---- the protocol client's events -------------------------------------------------------

  bindClient() {
    const client = this.client;
    client.on('welcome', ({ listed }) => this.onWelcome(listed));
    client.on('event', (event) => this.onEvent(event));
    client.on('message', ({ conversation, message }) => this.onMessage(conversation, message));
    client.on('outbox', ({ conversation }) => this.changed(conversation, 'timeline'));
    client.on('ack', ({ conversation }) => { conversation.accepted = true; });
    client.on('read', ({ conversation }) => {
      this.saveReads();
      this.changed(conversation, 'read');
    });
    client.on('closed', ({ conversation, event, source }) => this.onClosed(conversation, event, source));
    client.on('resumed', ({ conversation }) => this.changed(conversation, 'timeline'));
    client.on('reset', ({ conversation }) => this.changed(conversation, 'reset'));
    client.on('gone', ({ conversation }) => this.remove(conversation.id, 'gone'));
  }

  onWelcome(listed) {
    for (const conversation of this.conversations.values()) conversation.notesLoaded = false;
    // Read positions of conversations that are neither listed nor shown any more are stale.
    const reads = this.reads.load();
    for (const id of Object.keys(reads)) if (!listed.has(id) && !this.conversations.has(id)) delete reads[id];
    this.reads.save(reads);
    // The welcome names the conversations but not their visitors: after a reload the names (and
    // pre-chat answers) come from the REST API.
    for (const conversation of this.conversations.values()) {
      if (!conversation.visitor?.name && !conversation.details) this.loadDetails(conversation);
    }
    this.changed(null, 'list');
  }

  onEvent(event) {
    const conversation = event.conversationId ? this.conversations.get(event.conversationId) : null;
    if (event.conversationId && !conversation && EARLY_TYPES.has(event.type)) {
      // An event can overtake the `assigned` that introduces its conversation: keep it briefly.
      this.early.push({ event, at: Date.now() });
      this.early = this.early.filter((e) => Date.now() - e.at < EARLY_KEEP_MS).slice(-200);
      return;
    }
    switch (event.type) {
      case 'assigned':
        this.onAssigned(event);
        return;
      case 'typing':
        if (conversation && event.role === 'visitor') this.setVisitorTyping(conversation, event.active === true);
        return;
      case 'note':
        if (conversation) this.onNote(conversation, event);
        return;
      case 'rated':
        // Level 6: the visitor rated a chat the agent still has open; the sidebar shows it.
        if (conversation) {
          conversation.details = { ...(conversation.details || {}), rating: { score: event.score, comment: event.comment } };
          this.changed(conversation, 'details');
        }
        return;
      case 'context':
        if (conversation) {
          conversation.context = { ...event };
          this.changed(conversation, 'context');
        }
        return;
      case 'transferred':
        if (conversation) {
          const to = event.toAgent?.name || event.toQueue || t('event.anotherAgent');
          conversation.events.push({ key: `t:${event.at}`, at: event.at, text: t('event.transferred', { to }), note: event.note });
          this.changed(conversation, 'timeline');
        }
        return;
      case 'unassigned':
        if (conversation) this.remove(event.conversationId, event.reason || 'unassigned');
        return;
      default:
    }
  }

  onAssigned(event) {
    const existed = this.conversations.has(event.conversationId);
    const conversation = this.client.track(event.conversationId);
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
    for (const { event: earlier } of early) this.client.dispatch(earlier);
    this.emit('assigned', { id: conversation.id, name: conversation.visitorName, existed });
    this.changed(null, 'list');
    this.client.flush(conversation);
    // The server replays the transcript after `assigned`. A message committed while the
    // assignment was being made can still slip between the two, so resume once shortly after:
    // resuming is always safe, and anything already held is dropped by seq.
    setTimeout(() => {
      if (this.conversations.get(conversation.id) === conversation && conversation.status !== 'closed') {
        this.client.resume(conversation);
      }
    }, ASSIGNED_CATCH_UP_MS);
  }

  onMessage(conversation, message) {
    if (message.sender?.role === 'visitor') {
      if (!conversation.visitor) conversation.visitor = { ...message.sender };
      else if (!conversation.visitor.name && message.sender.name) conversation.visitor.name = message.sender.name;
      this.setVisitorTyping(conversation, false);
      // What the agent saw before a reload is not unread again when the history is replayed.
      if (message.seq > conversation.seenSeq && (this.activeId !== conversation.id || document.hidden)) {
        conversation.unread++;
      }
      this.emit('visitor-message', { id: conversation.id });
    }
    this.changed(conversation, 'timeline');
    this.changed(null, 'list');
  }

  onClosed(conversation, event, source) {
    this.setVisitorTyping(conversation, false);
    if (source === 'event') {
      conversation.closed = { by: event.by, disposition: event.disposition, at: event.at };
      conversation.events.push({
        key: `c:${event.at}`, at: event.at,
        text: t(`event.closedBy.${event.by === 'agent' || event.by === 'visitor' ? event.by : 'system'}`)
          + (event.disposition ? ` · ${dispositionName(event.disposition)}` : ''),
      });
    } else {
      conversation.closed = conversation.closed || { by: 'system', at: null };
    }
    this.changed(conversation, 'timeline');
    this.changed(null, 'list');
  }

  onNote(conversation, event) {
    if (conversation.notes.some((n) => n.noteId === event.noteId)) return;
    const local = conversation.notes.findIndex((n) => n.local && n.text === event.text
      && event.author?.id === this.me.userId);
    if (local >= 0) conversation.notes.splice(local, 1);
    conversation.notes.push({ noteId: event.noteId, author: event.author, text: event.text, at: event.at, kind: event.kind });
    this.changed(conversation, 'timeline');
  }

  setVisitorTyping(conversation, active) {
    clearTimeout(conversation.typingTimer);
    if (active) {
      conversation.typingTimer = setTimeout(() => this.setVisitorTyping(conversation, false), TYPING_TIMEOUT_MS);
    }
    if (conversation.visitorTyping === active) return;
    conversation.visitorTyping = active;
    this.changed(conversation, 'typing');
  }

  /** Loads the conversation's details (visitor, pre-chat answers) once; resolves with them. */
  loadDetails(conversation) {
    if (conversation.details) return Promise.resolve(conversation.details);
    if (!conversation.detailsLoading) {
      conversation.detailsLoading = Promise.resolve(this.loadDetailsFor(conversation.id)).then((details) => {
        conversation.details = details || null;
        if (details?.fields && !Object.keys(conversation.fields).length) conversation.fields = details.fields;
        if (!conversation.context && details?.contact?.context) conversation.context = details.contact.context;
        if (this.conversations.get(conversation.id) === conversation) {
          this.changed(conversation, 'details');
          this.changed(null, 'list');
        }
        return conversation.details;
      }, () => null).finally(() => { conversation.detailsLoading = null; });
    }
    return conversation.detailsLoading;
  }

  /** Per conversation: what the agent saw and what the visitor read (both only grow). */
  saveReads() {
    const reads = this.reads.load();
    for (const c of this.conversations.values()) {
      if (c.seenSeq || c.peerReadSeq) reads[c.id] = { seen: c.seenSeq, visitor: c.peerReadSeq };
    }
    for (const id of Object.keys(reads)) if (!this.conversations.has(id)) delete reads[id];
    this.reads.save(reads);
  }

  // ---- commands ----------------------------------------------------------------------------

  /**
   * Queues a chat message, with files already uploaded; it is shown as pending until the server
   * acknowledges it.
   */
  send(id, text, attachments = []) {
    this.client.send(this.conversations.get(id), text, attachments);
  }

  retry(id, clientMsgId) {
    this.client.retry(this.conversations.get(id), clientMsgId);
  }

  discard(id, clientMsgId) {
    this.client.discard(this.conversations.get(id), clientMsgId);
  }

  /** Marks the conversation as the one on screen: accepts it and sends `read`. */
  activate(id) {
    this.activeId = id;
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    conversation.isNew = false;
    if (!conversation.accepted && conversation.status !== 'closed') {
      conversation.accepted = true;
      this.client.request({ type: 'accept', conversationId: id }).catch((error) => {
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
    if (conversation.lastSeq > conversation.seenSeq) {
      conversation.seenSeq = conversation.lastSeq;
      this.saveReads();
    }
    if (conversation.status !== 'closed') this.client.markRead(conversation);
    if (hadUnread) this.changed(null, 'list');
  }

  typing(id, active) {
    return this.client.request({ type: 'typing', conversationId: id, active }).catch(() => {});
  }

  async note(id, text) {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    const local = { noteId: `local:${uuid()}`, local: true, author: { id: this.me.userId, name: this.me.name }, text, at: new Date().toISOString() };
    conversation.notes.push(local);
    this.changed(conversation, 'timeline');
    try {
      await this.client.request({ type: 'note', conversationId: id, text });
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
    return this.client.request(command);
  }

  transfer(id, target, note) {
    const command = { type: 'transfer', conversationId: id, ...target };
    if (note) command.note = note;
    return this.client.request(command);
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
