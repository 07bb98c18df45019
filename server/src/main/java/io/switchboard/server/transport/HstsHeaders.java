package io.switchboard.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;

/**
 * Adds {@code Strict-Transport-Security} to every HTTP response of a connection that reached the
 * node over TLS (its own, or a load balancer's that terminates it), so that browsers that once
 * opened the console or the widget over HTTPS never fall back to plain HTTP. Browsers ignore
 * the header on plain HTTP, as the standard says.
 *
 * <p>Stateless and thread-safe: one instance is shared by every pipeline.
 */
@Sharable
final class HstsHeaders extends ChannelOutboundHandlerAdapter {
  static final String HEADER = "Strict-Transport-Security";
  private final String value;

  HstsHeaders(Duration maxAge) {
    this.value = "max-age=" + maxAge.toSeconds();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      response.headers().set(HEADER, value);
    }
    ctx.write(msg, promise);
  }
}
