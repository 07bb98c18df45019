package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a WebSocket ping to a connection from which no message arrived for a whole interval,
 * checked at that interval from the end of the handshake until the connection closes, whether or
 * not the server is writing anything else. A client that only receives (an agent reading a busy
 * conversation) is pinged and answers, so the idle timeout, which counts only what arrives, never
 * closes it. A client that sends its own {@code ping} more often than the interval is not pinged
 * at all: with 19,000 connected visitors the redundant pings and their pongs were most of an idle
 * node's work.
 *
 * <p>Not thread-safe: one instance per channel, used on its event loop only.
 */
final class ServerPings extends ChannelInboundHandlerAdapter {
  private final Duration interval;
  private ScheduledFuture<?> pings;
  private long lastMessageNanos = System.nanoTime();

  ServerPings(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("ping interval must be positive: " + interval);
    }
    this.interval = interval;
  }

  /** How long a connection may send nothing before it is pinged. */
  Duration interval() {
    return interval;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HandshakeComplete && pings == null) {
      long millis = interval.toMillis();
      lastMessageNanos = System.nanoTime();
      pings = ctx.executor().scheduleAtFixedRate(() -> {
        if (ctx.channel().isActive()
            && System.nanoTime() - lastMessageNanos >= interval.toNanos()) {
          ctx.writeAndFlush(new PingWebSocketFrame());
        }
      }, millis, millis, TimeUnit.MILLISECONDS);
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    lastMessageNanos = System.nanoTime();
    super.channelRead(ctx, message);
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
