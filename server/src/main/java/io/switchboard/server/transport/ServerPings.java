package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a WebSocket ping at a fixed interval from the end of the handshake until the connection
 * closes, whether or not the server is writing anything else. A client that only receives (an
 * agent reading a busy conversation) still answers pings, so the idle timeout, which counts only
 * what arrives, never closes it. Pinging only when the server had nothing else to write would
 * leave such a client silent until it was closed.
 *
 * <p>Not thread-safe: one instance per channel, used on its event loop only.
 */
final class ServerPings extends ChannelInboundHandlerAdapter {
  private final Duration interval;
  private ScheduledFuture<?> pings;

  ServerPings(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("ping interval must be positive: " + interval);
    }
    this.interval = interval;
  }

  /** How often a ping is sent. */
  Duration interval() {
    return interval;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete && pings == null) {
      long millis = interval.toMillis();
      pings = ctx.executor().scheduleAtFixedRate(() -> {
        if (ctx.channel().isActive()) {
          ctx.writeAndFlush(new PingWebSocketFrame());
        }
      }, millis, millis, TimeUnit.MILLISECONDS);
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (pings != null) {
      pings.cancel(false);
    }
  }
}
