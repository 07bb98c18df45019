// What the console keeps about one conversation, on top of the shared client's delivery state
// (messages, lastSeq, outbox, read positions), and a small localStorage helper.

import { ConversationState } from '../widget/common/client.js';
import { t } from './i18n.js';

export class Conversation extends ConversationState {
  constructor(id) {
    super(id);
    this.status = 'assigned';
    this.visitor = null; // {id, name}
    this.fields = {};
    this.notes = [];
    this.notesLoaded = false;
    this.events = []; // system lines: transfers, close
    this.unread = 0;
    this.seenSeq = 0; // the agent has seen the messages up to here
    this.visitorTyping = false;
    this.typingTimer = null;
    this.accepted = false;
    this.isNew = false;
    this.closed = null; // {by, disposition, at}
    this.context = null;
    this.details = null; // GET /v1/conversations/{id}
    this.detailsLoading = null;
    this.assignedAt = null;
  }

  get visitorName() {
    return this.details?.contact?.name || this.visitor?.name || this.fields?.name || t('visitor');
  }

  get lastActivity() {
    const last = this.messages[this.messages.length - 1];
    return last?.at || this.assignedAt || null;
  }
}

/** A JSON object in localStorage, read and written whole. */
export function stored(key) {
  return {
    load() {
      try {
        return JSON.parse(localStorage.getItem(key) || '{}') || {};
      } catch {
        return {};
      }
    },
    save(value) {
      if (Object.keys(value).length) localStorage.setItem(key, JSON.stringify(value));
      else localStorage.removeItem(key);
    },
  };
}
