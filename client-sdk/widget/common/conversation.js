// Ids and the per-conversation delivery state of the protocol client (client.js).

/** A random (version 4) UUID, as clientMsgId must be. */
export function uuid() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The delivery state of one conversation. Apps may extend it with their own fields. */
export class ConversationState {
  constructor(id) {
    this.id = id;
    this.status = 'unknown'; // queued, assigned or closed once the server said
    this.queue = null;
    this.agent = null;
    this.lastSeq = 0; // the highest seq held with no gap below it
    this.messages = []; // committed messages, in seq order
    this.buffered = new Map(); // seq -> message that arrived ahead of a gap
    this.ready = false; // resumed since the last welcome: the outbox may send
    this.resuming = false;
    this.resumeAgain = false;
    this.outbox = []; // {clientMsgId, conversationId, text, createdAt, state, error}
    this.inflight = null; // clientMsgId of the one unacknowledged send
    this.retryAttempt = 0;
    this.retryTimer = null;
    this.peerReadSeq = 0; // the other side has read up to here
    this.readSent = 0; // we told the server we read up to here
  }
}
