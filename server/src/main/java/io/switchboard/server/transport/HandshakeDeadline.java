package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose first HTTP request is not complete within the handshake timeout,
 * counted from the moment the connection is accepted. This is what stops a client that opens a
 * socket and then sends nothing, or trickles its request a byte at a time so that the idle timeout
 * never fires. Once the first request has arrived the handler removes itself; from then on the
 * WebSocket handshake timeout (see {@link WebSocketPipeline}) and the idle timeout apply. The
 * connection is closed without a reply, because no complete request exists to answer.
 *
 * <p>Not shared: one instance per connection, used only on its event loop.
 */
final class HandshakeDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeDeadline.class);

  private final Duration timeout;
  private ScheduledFuture<?> deadline;

  HandshakeDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  /** The configured time from accept to a complete first request. */
  Duration timeout() {
    return timeout;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
    if (message instanceof FullHttpRequest) {
      disarm();
      ctx.pipeline().remove(this);
    }
    super.channelRead(ctx, message);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  private void arm(ChannelHandlerContext ctx) {
    if (deadline != null) {
      return;
    }
    deadline = ctx.executor().schedule(() -> {
      LOG.debug("closing {}: no complete HTTP request within {}", ctx.channel(), timeout);
      ctx.close();
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
    }
  }
}
