package io.switchboard.server.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.delivery.Outbound;
import java.util.concurrent.TimeUnit;

/**
 * A session's {@link Outbound} on its WebSocket channel: messages go through the pipeline's
 * encoder, text as a text frame, and a close as a close frame.
 *
 * <p>Thread-safe: Netty orders writes from any thread on the channel's event loop.
 */
final class ChannelOutbound implements Outbound {
  /** Set on a channel once its close frame was written. */
  private static final AttributeKey<Boolean> CLOSE_SENT =
      AttributeKey.valueOf(ChannelOutbound.class, "closeSent");
  private final Channel channel;

  ChannelOutbound(Channel channel) {
    this.channel = channel;
  }

  @Override
  public boolean isActive() {
    return channel.isActive();
  }

  @Override
  public void send(ServerMessage message) {
    if (channel.isActive()) {
      channel.writeAndFlush(message, channel.voidPromise());
    }
  }

  @Override
  public void sendText(String json) {
    if (channel.isActive()) {
      channel.writeAndFlush(new TextWebSocketFrame(json), channel.voidPromise());
    }
  }

  @Override
  public void close(DisconnectCode code, String reason) {
    close(channel, code, reason);
  }

  /**
   * Closes with a close frame, at most once per connection. When the server goes away (1001,
   * draining) the TCP connection stays open until the client's close frame comes back (the
   * protocol handler then closes it), as RFC 6455 7.1.1 asks: a client that is sending at that
   * moment would otherwise hit a reset and lose the close frame with its code, and reconnect
   * without being told why. Any other close (a bad frame, abuse, a slow consumer) cuts the
   * connection as soon as the frame is written. A peer that never answers is cut off two seconds
   * later.
   */
  static void close(Channel channel, DisconnectCode code, String reason) {
    if (!channel.isActive() || channel.attr(CLOSE_SENT).setIfAbsent(Boolean.TRUE) != null) {
      return;
    }
    boolean awaitReply = code == DisconnectCode.GOING_AWAY;
    channel.writeAndFlush(new CloseWebSocketFrame(code.code(), reason)).addListener(written -> {
      if (!awaitReply || !written.isSuccess()) {
        channel.close();
      }
    });
    channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
  }
}
