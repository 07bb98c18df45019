// The console's WebSocket: commands with replies matched by id, jittered exponential
// reconnect, application-level keepalive, and the close codes of protocol section 7.

const SUBPROTOCOL = 'switchboard.v1.json';
const NO_RECONNECT = new Set([1002, 1003, 1007, 1008, 1009]);
const AUTH_REVOKED = 4001;
const RATE_LIMITED = 4003;
const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10000;
const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const REPLY_TYPES = new Set(['ok', 'started', 'ack', 'resumed', 'pong', 'error']);

/** A failed command: the server's error, or `disconnected` when the socket went away first. */
export class CommandError extends Error {
  constructor(code, message, temporary) {
    super(message || code);
    this.code = code;
    this.temporary = temporary;
  }
}

export class Connection {
  /**
   * @param {string} token the agent token
   * @param {object} handlers onEvent(message), onState(state), onAuthRevoked(),
   *     onConnectFailed() (the socket closed before the welcome: maybe a refused token)
   */
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.state = 'idle';
    this.nextId = 1;
    this.pending = new Map();
    this.attempt = 0;
    this.ws = null;
    this.stopped = false;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.pongTimer = null;
    this.onOnline = () => {
      if (this.state !== 'open' && !this.stopped) this.reconnectNow();
    };
    window.addEventListener('online', this.onOnline);
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (logout); no reconnect. */
  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close(1000);
    }
    this.failPending();
    this.setState('closed');
  }

  get isOpen() {
    return this.state === 'open';
  }

  /** Sends a command; resolves with its reply, rejects with a CommandError. */
  command(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || this.state !== 'open') {
      return Promise.reject(new CommandError('disconnected', 'not connected', true));
    }
    const id = String(this.nextId++);
    const frame = { ...message, id };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.ws.send(JSON.stringify(frame));
      } catch (e) {
        this.pending.delete(id);
        reject(new CommandError('disconnected', 'send failed', true));
      }
    });
  }

  open() {
    clearTimeout(this.reconnectTimer);
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/v1/ws?token=${encodeURIComponent(this.token)}`;
    let ws;
    try {
      ws = new WebSocket(url, SUBPROTOCOL);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    let welcomed = false;
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!message || typeof message.type !== 'string') return;
      if (message.type === 'welcome') {
        welcomed = true;
        this.attempt = 0;
        this.setState('open');
        this.startHeartbeat();
      }
      if (message.id !== undefined && message.id !== null && REPLY_TYPES.has(message.type)) {
        const waiter = this.pending.get(String(message.id));
        if (waiter) {
          this.pending.delete(String(message.id));
          if (message.type === 'error') {
            waiter.reject(new CommandError(message.code, message.message, message.temporary === true));
          } else {
            waiter.resolve(message);
          }
        }
        if (message.type !== 'error') return;
      }
      this.handlers.onEvent?.(message);
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopHeartbeat();
      this.failPending();
      if (this.stopped) return;
      if (event.code === AUTH_REVOKED) {
        this.setState('closed');
        this.handlers.onAuthRevoked?.();
        return;
      }
      if (NO_RECONNECT.has(event.code)) {
        this.setState('failed');
        return;
      }
      if (!welcomed) this.handlers.onConnectFailed?.();
      if (event.code === RATE_LIMITED) this.attempt = Math.max(this.attempt, 5);
      this.scheduleReconnect();
    };
  }

  scheduleReconnect() {
    if (this.stopped) return;
    this.setState('reconnecting');
    const ceiling = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempt);
    const delay = MIN_BACKOFF_MS + Math.random() * Math.max(0, ceiling - MIN_BACKOFF_MS);
    this.attempt++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  reconnectNow() {
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.onclose = null;
      ws.close();
      this.failPending();
      this.stopHeartbeat();
    }
    this.open();
  }

  failPending() {
    for (const waiter of this.pending.values()) {
      waiter.reject(new CommandError('disconnected', 'connection closed', true));
    }
    this.pending.clear();
  }

  startHeartbeat() {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => {
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => {
        // No pong: the connection is dead even if the browser has not noticed yet.
        if (!this.stopped) this.reconnectNow();
      }, PONG_WITHIN_MS);
      this.command({ type: 'ping' }).then(() => clearTimeout(this.pongTimer), () => {});
    }, PING_EVERY_MS);
  }

  stopHeartbeat() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.handlers.onState?.(state);
  }
}
