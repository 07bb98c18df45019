// One WebSocket session to the Switchboard server (protocol v1, subprotocol switchboard.v1.json):
// command ids and replies, reconnect with jittered exponential backoff, and an application-level
// heartbeat. Delivery rules (seq, resume, outbox) live in chat.js.

export const SUBPROTOCOL = 'switchboard.v1.json';

const REPLY_TYPES = new Set(['ok', 'started', 'ack', 'resumed', 'pong', 'error']);
// Close codes after which reconnecting would fail the same way.
const FATAL_CLOSE_CODES = new Set([1002, 1003, 1007, 1008, 1009]);
const AUTH_REVOKED = 4001;
const RATE_LIMITED = 4003;

export class CommandError extends Error {
  constructor(code, message, temporary) {
    super(message || code);
    this.code = code;
    this.temporary = Boolean(temporary);
  }
}

/**
 * states: 'connecting' (first attempt), 'open' (welcome received), 'reconnecting',
 * 'offline' (browser reports no network), 'failed' (will not reconnect by itself).
 */
export class Connection {
  /**
   * @param {object} options
   * @param {string} options.url the ws(s) URL without the token
   * @param {() => Promise<string>} options.token current token (may fetch a fresh one)
   * @param {(event: object) => void} options.onEvent every server event that is not a reply
   * @param {(welcome: object) => void} options.onWelcome each (re)connect's welcome
   * @param {(state: string, detail?: object) => void} options.onState
   * @param {() => Promise<void>} [options.onAuthFailure] called when the token seems rejected
   */
  constructor(options) {
    this.options = options;
    this.state = 'idle';
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();
    this.attempt = 0;
    this.failuresBeforeWelcome = 0;
    this.retryTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.stopped = false;
    this.minDelay = 250;
    this.maxDelay = 10000;
    addEventListener('online', () => this.reconnectNow());
    addEventListener('offline', () => this.dropForOffline());
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.teardown(1000);
  }

  get isOpen() {
    return this.state === 'open';
  }

  /** Sends a command and resolves with its reply; rejects with CommandError. */
  request(command, { timeout = 15000 } = {}) {
    if (!this.isOpen) {
      return Promise.reject(new CommandError('disconnected', 'not connected', true));
    }
    const id = String(this.nextId++);
    const frame = { ...command, id };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandError('timeout', 'no reply in time', true));
      }, timeout);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.ws.send(JSON.stringify(frame));
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new CommandError('disconnected', String(e), true));
      }
    });
  }

  reconnectNow() {
    if (this.stopped || this.state === 'failed') return;
    if (this.state === 'open' || this.state === 'connecting-socket') return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.open();
  }

  dropForOffline() {
    if (this.stopped) return;
    // The socket may look alive for a while; stop using it now so sends go to the outbox.
    this.teardown(4999);
    this.setState('offline');
  }

  async open() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.setState('offline');
      return;
    }
    const previous = this.state;
    this.state = 'connecting-socket';
    if (previous === 'idle') this.options.onState('connecting');
    let token;
    try {
      token = await this.options.token();
    } catch (e) {
      this.state = previous === 'idle' ? 'connecting' : 'reconnecting';
      this.scheduleRetry();
      return;
    }
    if (this.stopped) return;
    const ws = new WebSocket(this.options.url + '?token=' + encodeURIComponent(token), SUBPROTOCOL);
    this.ws = ws;
    let welcomed = false;
    ws.onmessage = (message) => {
      if (this.ws !== ws) return;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!frame || typeof frame.type !== 'string') return;
      if (frame.type === 'welcome') {
        welcomed = true;
        this.attempt = 0;
        this.failuresBeforeWelcome = 0;
        this.setState('open');
        this.startHeartbeat();
        this.options.onWelcome(frame);
        return;
      }
      if (REPLY_TYPES.has(frame.type) && frame.id != null && this.pending.has(String(frame.id))) {
        const entry = this.pending.get(String(frame.id));
        this.pending.delete(String(frame.id));
        clearTimeout(entry.timer);
        if (frame.type === 'error') {
          entry.reject(new CommandError(frame.code, frame.message, frame.temporary));
        } else {
          entry.resolve(frame);
        }
        return;
      }
      this.options.onEvent(frame);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopHeartbeat();
      this.failAll();
      if (this.stopped) return;
      if (event.code === AUTH_REVOKED) {
        this.handleAuthFailure();
        return;
      }
      if (FATAL_CLOSE_CODES.has(event.code)) {
        this.setState('failed', { code: event.code });
        return;
      }
      if (!welcomed) this.failuresBeforeWelcome++;
      if (this.failuresBeforeWelcome >= 3) {
        // The upgrade keeps failing: the token may be unknown or revoked (the browser cannot see
        // the 401), so let the owner check it before the next attempt.
        this.failuresBeforeWelcome = 0;
        this.handleAuthFailure();
        return;
      }
      this.setState(navigator.onLine === false ? 'offline' : 'reconnecting');
      if (this.state !== 'offline') this.scheduleRetry(event.code === RATE_LIMITED ? 5000 : 0);
    };
  }

  async handleAuthFailure() {
    this.setState('reconnecting');
    try {
      if (this.options.onAuthFailure) await this.options.onAuthFailure();
    } catch {
      // Keep trying with backoff; the network may be the real problem.
    }
    this.scheduleRetry();
  }

  scheduleRetry(floor = 0) {
    if (this.stopped) return;
    // Uniform between minDelay and a ceiling that doubles per attempt, as the Java SDK does. The
    // first retry used to be exactly minDelay for every client, so all the visitors of a node
    // that restarted came back in the same millisecond.
    const cap = Math.min(this.maxDelay, this.minDelay * 2 ** (this.attempt + 1));
    this.attempt++;
    const delay = Math.max(floor, this.minDelay + Math.random() * (cap - this.minDelay));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  setState(state, detail) {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state, detail);
  }

  teardown(code) {
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = null;
    this.failAll();
    if (ws) {
      ws.onmessage = null;
      ws.onclose = null;
      try {
        ws.close(code === 4999 ? 1000 : code);
      } catch {
        // already closed
      }
    }
  }

  failAll() {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new CommandError('disconnected', 'connection lost', true));
      this.pending.delete(id);
    }
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => {
      if (!this.isOpen) return;
      const ws = this.ws;
      this.pongTimer = setTimeout(() => {
        // No pong: the connection is dead even if the browser has not noticed.
        if (this.ws === ws && ws) {
          this.teardown(4999);
          this.setState('reconnecting');
          this.scheduleRetry();
        }
      }, 10000);
      this.request({ type: 'ping' }, { timeout: 12000 })
        .then(() => clearTimeout(this.pongTimer))
        .catch(() => {});
    }, 25000);
  }

  stopHeartbeat() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
