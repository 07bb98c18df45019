package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a connection: hands every complete request to the node's {@link HttpRouter}
 * (REST, pages, {@code /healthz}, the upgrade to {@code /v1/ws}), answers a request that could
 * not be parsed with 400, and closes a connection idle past the handshake timeout.
 *
 * <p>Not shared: one instance per connection, used only from that connection's event loop.
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);

  private final HttpRouter router;

  HttpDispatcher(HttpRouter router) {
    this.router = router;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
          "the HTTP request could not be parsed");
      return;
    }
    router.route(ctx, request);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("HTTP connection failed: {}", cause.toString());
    ctx.close();
  }
}
