// The entries of the protocol client's outbox (client.js): how one is made, how it goes out as a
// `send` frame (with the ids of its uploaded files), what of it is kept across a reload and how
// it is read back, and how long to wait before sending it again after a temporary error.

import { uuid } from './conversation.js';

/** A new pending entry; `attachments` are files already uploaded ({id, name, ...}). */
export function newEntry(conversationId, text, attachments = []) {
  return { clientMsgId: uuid(), conversationId, text, attachments, createdAt: new Date().toISOString(), state: 'pending' };
}

/** The `send` command for an entry; the message names its files by id. */
export function sendFrame(conversationId, entry) {
  const frame = { type: 'send', conversationId, clientMsgId: entry.clientMsgId, text: entry.text };
  if (entry.attachments?.length) frame.attachments = entry.attachments.map((a) => a.id);
  return frame;
}

/** What is kept of an outbox across a reload: every entry but the failed, without its state. */
export function keptEntries(outbox) {
  return outbox.filter((e) => e.state !== 'failed')
    .map(({ clientMsgId, text, attachments, createdAt }) => ({ clientMsgId, text, attachments, createdAt }));
}

/** The kept entries read back as pending ones; anything unreadable is left out. */
export function restoredEntries(saved, conversationId) {
  return (saved || []).filter((e) => e && e.clientMsgId && typeof e.text === 'string')
    .map((e) => ({
      clientMsgId: e.clientMsgId, conversationId, text: e.text, attachments: Array.isArray(e.attachments) ? e.attachments : [],
      createdAt: e.createdAt, state: 'pending',
    }));
}

/**
 * The wait before the next try after `attempt` temporary errors: doubling from `min` to `max`,
 * with jitter, and never sooner than a rate limit's `retryAfterMs`.
 */
export function retryDelay(attempt, min, max, retryAfterMs = 0) {
  const backoff = Math.min(max, min * 2 ** attempt);
  return Math.max(backoff * (0.5 + Math.random() / 2), retryAfterMs || 0);
}
