package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a WebSocket ping to a connection from which no message arrived for a whole interval, from
 * the end of the handshake until the connection closes, whether or not the server is writing
 * anything else. A client that only receives (an agent reading a busy conversation) is pinged and
 * answers, so the idle timeout, which counts only what arrives, never closes it. A client that
 * sends its own {@code ping} more often than the interval is not pinged at all: with 19,000
 * connected visitors the redundant pings and their pongs were more than half of the heartbeat
 * frames an idle node handled.
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
      lastMessageNanos = System.nanoTime();
      schedule(ctx, interval.toNanos());
    }
    super.userEventTriggered(ctx, event);
  }

  /**
   * Checks again after {@code delayNanos}: pings when nothing arrived for a whole interval, and
   * otherwise looks again exactly one interval after the last message. So a ping never goes out
   * later than one interval after the client fell silent, and the idle timeout, which must be
   * longer than the interval, is never reached by a client that answers pings.
   */
  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    pings = ctx.executor().schedule(() -> {
      if (!ctx.channel().isActive()) {
        return;
      }
      long silent = System.nanoTime() - lastMessageNanos;
      if (silent >= interval.toNanos()) {
        ctx.writeAndFlush(new PingWebSocketFrame());
        schedule(ctx, interval.toNanos());
      } else {
        schedule(ctx, interval.toNanos() - silent);
      }
    }, delayNanos, TimeUnit.NANOSECONDS);
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
