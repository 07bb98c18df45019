// Per-site state kept in the widget origin's localStorage (never in a host-page cookie): the
// visitor token, the conversation being shown and messages not yet acknowledged.
// Falls back to memory when storage is blocked (for example third-party storage switched off).

const memory = new Map();

function backend() {
  try {
    const probe = '__switchboard_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null;
  }
}

const store = backend();

function read(key) {
  const raw = store ? store.getItem(key) : memory.get(key);
  if (raw == null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function write(key, value) {
  const raw = JSON.stringify(value);
  try {
    if (store) store.setItem(key, raw);
    else memory.set(key, raw);
  } catch {
    memory.set(key, raw);
  }
}

function remove(key) {
  try {
    if (store) store.removeItem(key);
  } catch {
    // ignore
  }
  memory.delete(key);
}

/** The stored state of one site: {token, contactId, conversationId, startedAt, rated, outbox}. */
export class SiteStorage {
  constructor(siteKey) {
    this.key = 'switchboard.v1.' + siteKey;
  }

  load() {
    const value = read(this.key);
    return value && typeof value === 'object' ? value : {};
  }

  update(changes) {
    const next = { ...this.load(), ...changes };
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) delete next[name];
    }
    write(this.key, next);
    return next;
  }

  clear() {
    remove(this.key);
  }
}
