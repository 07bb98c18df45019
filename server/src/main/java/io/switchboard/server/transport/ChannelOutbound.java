package io.switchboard.server.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
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
   * Closes with a close frame and, as RFC 6455 7.1.1 asks, leaves the TCP connection open until
   * the peer's close frame comes back (the protocol handler then closes it). Closing at once
   * would make a peer that is sending at that moment hit a reset and lose the close frame with
   * its code. A peer that never answers is cut off two seconds later.
   */
  static void close(Channel channel, DisconnectCode code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    channel.writeAndFlush(new CloseWebSocketFrame(code.code(), reason)).addListener(written -> {
      if (!written.isSuccess()) {
        channel.close();
      }
    });
    channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
  }
}
