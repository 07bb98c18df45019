// One WebSocket session to the Switchboard server (protocol v1, subprotocol switchboard.v1.json),
// shared by the widget and the console: the token in the upgrade URL, command ids and their
// replies, reconnect with jittered exponential backoff, an application-level heartbeat and the
// close codes of PROTOCOL.md section 7. The delivery rules (seq, resume, outbox) are in client.js.

export const SUBPROTOCOL = 'switchboard.v1.json';

/**
 * The protocol's WebSocket URL on the server at `base`: `wss://` when the server's URL or the
 * page itself is https (a page served over TLS never opens an unencrypted socket), else `ws://`.
 */
export function socketUrl(base, pageProtocol) {
  const url = new URL('/v1/ws', base);
  url.protocol = url.protocol === 'https:' || pageProtocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

const REPLY_TYPES = new Set(['ok', 'started', 'ack', 'resumed', 'pong', 'error']);
// Close codes after which reconnecting would fail the same way.
const FATAL_CLOSE_CODES = new Set([1002, 1003, 1007, 1008, 1009]);
const AUTH_REVOKED = 4001;
const RATE_LIMITED = 4003;
// Closing our own socket on purpose (offline, dead heartbeat); never sent on the wire.
const LOCAL_DROP = 4999;

/** A failed command: the server's error, or `disconnected`/`timeout` decided on this side. */
export class CommandError extends Error {
  /** @param {number} [retryAfterMs] how long the server asks to wait before retrying (rate limits) */
  constructor(code, message, temporary, retryAfterMs) {
    super(message || code);
    this.code = code;
    this.temporary = Boolean(temporary);
    this.retryAfterMs = typeof retryAfterMs === 'number' && retryAfterMs > 0 ? retryAfterMs : 0;
  }
}

function browserOffline() {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * States reported to onState: 'connecting' (first attempt), 'open' (welcome received),
 * 'reconnecting', 'offline' (the browser reports no network), 'failed' (will not reconnect by
 * itself) and 'closed' (stopped, or the token was revoked).
 */
export class Connection {
  /**
   * @param {object} options
   * @param {string | (() => string)} options.url the ws(s) URL of /v1/ws without the token
   * @param {() => Promise<string> | string} options.token the current token (may fetch a fresh one)
   * @param {(welcome: object) => void} options.onWelcome each (re)connect's welcome
   * @param {(event: object) => void} options.onEvent every other frame that is not a reply
   * @param {(state: string, detail?: object) => void} [options.onState]
   * @param {() => Promise<void> | void} [options.onAuthFailure] the upgrade failed
   *     `authFailureAfter` times in a row before any welcome: the token may be refused (a browser
   *     cannot see the 401), so check or renew it; reconnecting goes on afterwards
   * @param {number} [options.authFailureAfter] default 3
   * @param {() => void} [options.onAuthRevoked] close 4001: when given, the connection stops and
   *     this is called; otherwise onAuthFailure runs and the connection tries again
   * @param {typeof WebSocket} [options.WebSocket] the WebSocket class (tests pass a fake)
   * @param {object} [options.timing] minDelay, maxDelay, rateLimitedDelay, pingEvery, pongWithin,
   *     requestTimeout, in milliseconds
   */
  constructor(options) {
    this.options = options;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    const timing = options.timing || {};
    this.minDelay = timing.minDelay ?? 250;
    this.maxDelay = timing.maxDelay ?? 10000;
    this.rateLimitedDelay = timing.rateLimitedDelay ?? 5000;
    this.pingEvery = timing.pingEvery ?? 25000;
    this.pongWithin = timing.pongWithin ?? 10000;
    this.requestTimeout = timing.requestTimeout ?? 15000;
    this.authFailureAfter = options.authFailureAfter ?? 3;
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
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.dropForOffline();
    if (typeof addEventListener === 'function') {
      addEventListener('online', this.onOnline);
      addEventListener('offline', this.onOffline);
    }
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (sign-out): no reconnect. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (typeof removeEventListener === 'function') {
      removeEventListener('online', this.onOnline);
      removeEventListener('offline', this.onOffline);
    }
    this.teardown(1000);
    this.setState('closed');
  }

  get isOpen() {
    return this.state === 'open';
  }

  /** Sends a command and resolves with its reply; rejects with a CommandError. */
  request(command, { timeout = this.requestTimeout } = {}) {
    if (!this.isOpen || !this.ws) {
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
    if (this.stopped || this.state === 'failed' || this.state === 'closed') return;
    if (this.state === 'open' || this.state === 'connecting-socket') return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.open();
  }

  dropForOffline() {
    if (this.stopped || this.state === 'failed' || this.state === 'closed') return;
    // The socket may look alive for a while; stop using it now so sends wait in the outbox.
    clearTimeout(this.retryTimer);
    this.teardown(LOCAL_DROP);
    this.setState('offline');
  }

  async open() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    if (browserOffline()) {
      this.setState('offline');
      return;
    }
    const previous = this.state;
    this.state = 'connecting-socket';
    if (previous === 'idle' && this.options.onState) this.options.onState('connecting');
    let token;
    try {
      token = await this.options.token();
    } catch {
      this.state = previous === 'idle' ? 'connecting' : 'reconnecting';
      this.scheduleRetry();
      return;
    }
    if (this.stopped) return;
    const base = typeof this.options.url === 'function' ? this.options.url() : this.options.url;
    let ws;
    try {
      ws = new this.WebSocket(base + '?token=' + encodeURIComponent(token), SUBPROTOCOL);
    } catch {
      this.state = previous === 'idle' ? 'connecting' : 'reconnecting';
      this.scheduleRetry();
      return;
    }
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
          entry.reject(new CommandError(frame.code, frame.message, frame.temporary === true, frame.retryAfterMs));
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
        if (this.options.onAuthRevoked) {
          this.stopped = true;
          this.setState('closed');
          this.options.onAuthRevoked();
        } else {
          this.handleAuthFailure();
        }
        return;
      }
      if (FATAL_CLOSE_CODES.has(event.code)) {
        this.setState('failed', { code: event.code });
        return;
      }
      if (!welcomed) this.failuresBeforeWelcome++;
      if (this.failuresBeforeWelcome >= this.authFailureAfter) {
        // The upgrade keeps failing: the token may be unknown or revoked, so let the owner check
        // it before the next attempt.
        this.failuresBeforeWelcome = 0;
        this.handleAuthFailure();
        return;
      }
      this.setState(browserOffline() ? 'offline' : 'reconnecting');
      if (this.state !== 'offline') this.scheduleRetry(event.code === RATE_LIMITED ? this.rateLimitedDelay : 0);
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

  /** Full jitter: uniform between minDelay and a ceiling that doubles per attempt. */
  nextDelay(floor = 0) {
    const cap = Math.min(this.maxDelay, this.minDelay * 2 ** (this.attempt + 1));
    this.attempt++;
    return Math.max(floor, this.minDelay + Math.random() * (cap - this.minDelay));
  }

  scheduleRetry(floor = 0) {
    if (this.stopped) return;
    const delay = this.nextDelay(floor);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  setState(state, detail) {
    if (this.state === state) return;
    this.state = state;
    if (this.options.onState) this.options.onState(state, detail);
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
        ws.close(code === LOCAL_DROP ? 1000 : code);
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
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        // No pong: the connection is dead even if the browser has not noticed.
        if (this.ws === ws && ws) {
          this.teardown(LOCAL_DROP);
          this.setState('reconnecting');
          this.scheduleRetry();
        }
      }, this.pongWithin);
      this.request({ type: 'ping' }, { timeout: this.pongWithin + 2000 })
        .then(() => clearTimeout(this.pongTimer))
        .catch(() => {});
    }, this.pingEvery);
  }

  stopHeartbeat() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
