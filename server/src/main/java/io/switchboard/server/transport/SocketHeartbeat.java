package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one WebSocket, on a single timer: the server's pings and the idle timeout.
 *
 * <p>Pings: a WebSocket ping goes out when no message (a data frame) arrived and no ping went out
 * for a whole interval, whether or not the server is writing anything else. A client that only
 * receives (an agent reading a busy conversation) is pinged and answers, so the idle timeout never
 * closes it. A client that sends its own {@code ping} more often than the interval is not pinged
 * at all: with 19,000 connected visitors the redundant pings and their pongs were more than half of
 * the heartbeat frames an idle node handled.
 *
 * <p>Idle timeout: when nothing at all arrived for the timeout (pongs count), a reader-idle
 * {@link IdleStateEvent} goes on to the session, which closes the socket with its code.
 *
 * <p>It takes the place of the HTTP stage's idle handler at the upgrade, just after the frame
 * decoder, so it sees every frame. One timer instead of an idle handler's and a pinger's saves a
 * scheduled task, a handler and its context per connection, and half the timer wake-ups.
 *
 * <p>Not thread-safe: one instance per channel, used on its event loop only.
 */
final class SocketHeartbeat extends ChannelInboundHandlerAdapter {
  private final long intervalNanos;
  private final long idleNanos;
  private long lastRead;
  private long lastMessageOrPing;
  private ScheduledFuture<?> timer;

  /**
   * @param interval how long a connection may send no message before it is pinged
   * @param idleTimeout how long it may send nothing at all before it is closed; longer than the
   *     interval, so a client that answers pings is never closed
   */
  SocketHeartbeat(Duration interval, Duration idleTimeout) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("ping interval must be positive: " + interval);
    }
    if (idleTimeout.compareTo(interval) <= 0) {
      throw new IllegalArgumentException("idle timeout " + idleTimeout
          + " must be longer than the ping interval " + interval);
    }
    this.intervalNanos = interval.toNanos();
    this.idleNanos = idleTimeout.toNanos();
  }

  /** How long a connection may send no message before it is pinged. */
  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** How long a connection may send nothing at all before it is closed. */
  Duration idleTimeout() {
    return Duration.ofNanos(idleNanos);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    lastRead = now;
    lastMessageOrPing = now;
    schedule(ctx, intervalNanos);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    long now = System.nanoTime();
    lastRead = now;
    if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
        || message instanceof ContinuationWebSocketFrame) {
      lastMessageOrPing = now;
    }
    super.channelRead(ctx, message);
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> beat(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Closes an idle connection (through the session), pings a quiet one, and looks again when the
   * next of the two can be due: so a ping never goes out later than one interval after the client
   * fell silent, and the idle event never later than the timeout after the last frame.
   */
  private void beat(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastRead >= idleNanos) {
      ctx.fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
      // The session closes the socket; should it not, the event comes again a timeout later.
      lastRead = now;
    }
    if (now - lastMessageOrPing >= intervalNanos) {
      ctx.writeAndFlush(new PingWebSocketFrame());
      lastMessageOrPing = now;
    }
    long next = Math.min(lastMessageOrPing + intervalNanos, lastRead + idleNanos) - now;
    schedule(ctx, Math.max(next, TimeUnit.MILLISECONDS.toNanos(1)));
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
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
