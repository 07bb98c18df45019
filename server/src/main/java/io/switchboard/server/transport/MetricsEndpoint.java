package io.switchboard.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.metrics.NodeMetrics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the node's meters in the Prometheus text format. Without
 * {@code SWITCHBOARD_METRICS_TOKEN} only loopback clients may read it (403 for others); with it,
 * everyone, loopback included, must send {@code Authorization: Bearer <token>} (401 without).
 *
 * <p>Thread-safe: stateless; the scrape reads the registry's meters.
 */
final class MetricsEndpoint implements HttpEndpoint {
  private final TransportContext context;
  private final byte[] token;

  MetricsEndpoint(TransportContext context) {
    this.context = context;
    String configured = context.config().monitoring().metricsToken();
    this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    if (token != null && !bearerMatches(request)) {
      HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "/metrics needs Authorization: Bearer <SWITCHBOARD_METRICS_TOKEN>");
      return;
    }
    if (token == null && !loopback(context.clientAddress(ctx, request))) {
      HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
          "/metrics answers loopback clients only unless SWITCHBOARD_METRICS_TOKEN is set");
      return;
    }
    byte[] body = context.metrics().scrape().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, NodeMetrics.contentType());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpReplies.send(ctx, request, response);
  }

  private boolean bearerMatches(FullHttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] offered = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(offered, token);
  }

  /** Whether {@code address} (a literal IP, as {@link ClientAddress} gives it) is loopback. */
  static boolean loopback(String address) {
    if (address == null || address.isEmpty()
        || !address.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
