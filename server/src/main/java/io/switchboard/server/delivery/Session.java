package io.switchboard.server.delivery;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One WebSocket connection: who holds it, which conversations it may touch, and where its
 * delivery stands in each conversation it follows.
 *
 * <p>Thread-safe: sending goes through the {@link Outbound} (which keeps writes in order), the
 * cursors and the conversations allowed and monitored are immutable collections replaced under the
 * session's lock and read without it, and each {@link DeliveryCursor} is touched only on its
 * conversation's executor. A session follows a handful of conversations at most and changes them
 * rarely, while a node holds tens of thousands of sessions: a concurrent map costs a few hundred
 * bytes with its table and nodes, an immutable collection of one or two entries a few dozen.
 */
public final class Session {
  /** The most conversations {@link #allow} remembers. */
  static final int ALLOWED_LIMIT = 64;
  private final String id = UUID.randomUUID().toString();
  private final Outbound outbound;
  private volatile Principal principal;
  private final String clientAddress;
  private volatile Map<UUID, DeliveryCursor> cursors = Map.of();
  private volatile Set<UUID> allowed = Set.of();
  private volatile Set<UUID> monitored = Set.of();
  private final AtomicInteger refusedInARow = new AtomicInteger();

  /**
   * @param clientAddress the client's IP address at the handshake (behind a trusted proxy, the
   *     one it forwarded for), against which per-address rate limits are counted
   */
  public Session(Outbound outbound, Principal principal, String clientAddress) {
    this.outbound = outbound;
    this.principal = principal;
    this.clientAddress = clientAddress;
  }

  public String id() {
    return id;
  }

  public Principal principal() {
    return principal;
  }

  /** A staff member's team scope changed: the next command is judged with the new one. */
  public void updateTeamQueues(java.util.Set<String> teamQueues) {
    principal = principal.withTeamQueues(teamQueues);
  }

  /** The client's IP address, as the rate limits count it. */
  public String clientAddress() {
    return clientAddress;
  }

  /** A command of this session was refused by a rate limit; returns how many in a row now. */
  public int refusedByRateLimit() {
    return refusedInARow.incrementAndGet();
  }

  /** A command of this session passed the rate limits. */
  public void passedRateLimits() {
    refusedInARow.set(0);
  }

  public boolean isOpen() {
    return outbound.isActive();
  }

  /** Writes a message; silently dropped if the connection is gone (the client resumes). */
  public void send(ServerMessage message) {
    outbound.send(message);
  }

  /** Writes an already encoded message (fan-out encodes once for every receiver). */
  public void sendText(String json) {
    outbound.sendText(json);
  }

  /** Closes with a close frame carrying the code; the client reconnects if the code says so. */
  public void close(DisconnectCode code, String reason) {
    outbound.close(code, reason);
  }

  public DeliveryCursor cursor(UUID conversationId) {
    return cursors.get(conversationId);
  }

  public DeliveryCursor cursorOrCreate(UUID conversationId) {
    DeliveryCursor cursor = cursors.get(conversationId);
    if (cursor != null) {
      return cursor;
    }
    synchronized (this) {
      cursor = cursors.get(conversationId);
      if (cursor == null) {
        cursor = new DeliveryCursor();
        cursors = CopyOnWrite.with(cursors, conversationId, cursor);
      }
      return cursor;
    }
  }

  public DeliveryCursor removeCursor(UUID conversationId) {
    synchronized (this) {
      DeliveryCursor cursor = cursors.get(conversationId);
      if (cursor != null) {
        cursors = CopyOnWrite.without(cursors, conversationId);
      }
      return cursor;
    }
  }

  public Set<UUID> followed() {
    return cursors.keySet();
  }

  /**
   * Remembers that this session may act on the conversation (checked once against the store). The
   * memory is a cache of at most {@link #ALLOWED_LIMIT} conversations: an agent's session is
   * allowed every chat assigned to it, and over a shift the set grew with each one, copied whole at
   * every assignment (the routing benchmark's hottest frame). Past the limit it starts again; a
   * conversation forgotten is checked against the store again the next time.
   */
  public void allow(UUID conversationId) {
    synchronized (this) {
      allowed = allowed.size() >= ALLOWED_LIMIT && !allowed.contains(conversationId)
          ? Set.of(conversationId) : CopyOnWrite.with(allowed, conversationId);
    }
  }

  public boolean isAllowed(UUID conversationId) {
    return allowed.contains(conversationId);
  }

  /** True the first time the session monitors the conversation (a supervisor's read). */
  public boolean firstMonitoring(UUID conversationId) {
    synchronized (this) {
      if (monitored.contains(conversationId)) {
        return false;
      }
      monitored = CopyOnWrite.with(monitored, conversationId);
      return true;
    }
  }

  public void disallow(UUID conversationId) {
    synchronized (this) {
      allowed = CopyOnWrite.without(allowed, conversationId);
    }
  }

  @Override
  public String toString() {
    return "Session[" + id + " " + principal.role() + " " + principal.id() + "]";
  }
}
