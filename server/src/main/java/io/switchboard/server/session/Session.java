package io.switchboard.server.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.auth.Principal;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection: who holds it, which conversations it may touch, and where its
 * delivery stands in each conversation it follows.
 *
 * <p>Thread-safe: sending goes through the channel (Netty orders writes), the maps are concurrent,
 * and each {@link DeliveryCursor} is touched only on its conversation's executor.
 */
public final class Session {
  private final String id = UUID.randomUUID().toString();
  private final Channel channel;
  private final Principal principal;
  private final ProtocolCodec codec;
  private final ConcurrentHashMap<UUID, DeliveryCursor> cursors = new ConcurrentHashMap<>();
  private final Set<UUID> allowed = ConcurrentHashMap.newKeySet();

  public Session(Channel channel, Principal principal, ProtocolCodec codec) {
    this.channel = channel;
    this.principal = principal;
    this.codec = codec;
  }

  public String id() {
    return id;
  }

  public Principal principal() {
    return principal;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Writes a message; silently dropped if the connection is gone (the client resumes). */
  public void send(ServerMessage message) {
    if (channel.isActive()) {
      channel.writeAndFlush(message, channel.voidPromise());
    }
  }

  /** Writes an already encoded message (fan-out encodes once for every receiver). */
  public void sendText(String json) {
    if (channel.isActive()) {
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  public String encode(ServerMessage message) {
    return codec.encode(message);
  }

  /** Closes with a close frame carrying the code; the client reconnects if the code says so. */
  public void close(DisconnectCode code, String reason) {
    closeChannel(channel, code, reason);
  }

  public DeliveryCursor cursor(UUID conversationId) {
    return cursors.get(conversationId);
  }

  public DeliveryCursor cursorOrCreate(UUID conversationId) {
    return cursors.computeIfAbsent(conversationId, ignored -> new DeliveryCursor());
  }

  public DeliveryCursor removeCursor(UUID conversationId) {
    return cursors.remove(conversationId);
  }

  public Set<UUID> followed() {
    return Set.copyOf(cursors.keySet());
  }

  /** Remembers that this session may act on the conversation (checked once against the store). */
  public void allow(UUID conversationId) {
    allowed.add(conversationId);
  }

  public boolean isAllowed(UUID conversationId) {
    return allowed.contains(conversationId);
  }

  public void disallow(UUID conversationId) {
    allowed.remove(conversationId);
  }

  public static void closeChannel(Channel channel, DisconnectCode code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new CloseWebSocketFrame(code.code(), reason))
        .addListener(ChannelFutureListener.CLOSE);
    // A peer that never reads cannot receive the close frame; do not wait for it forever.
    channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
  }

  /** Closes at once without waiting for buffered output (used when the buffer is the problem). */
  public static void forceClose(Channel channel) {
    channel.close();
  }

  @Override
  public String toString() {
    return "Session[" + id + " " + principal.role() + " " + principal.id() + "]";
  }
}
