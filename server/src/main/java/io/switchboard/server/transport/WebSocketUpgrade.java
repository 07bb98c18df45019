package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.AgentTokens;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;

/**
 * Authenticates a request for {@code /v1/ws} before any upgrade: a missing or invalid token is
 * refused with HTTP 401, a visitor from an Origin outside the site's allow-list with 403, and a
 * staff token from any Origin but the server's own (or {@code SWITCHBOARD_STAFF_ORIGINS}) with 403. Only
 * then are the WebSocket handlers installed and the request passed on to complete the handshake.
 * Reading from the connection is paused while the token is checked off the event loop.
 *
 * <p>Not thread-safe; used once, on the connection's event loop.
 */
final class WebSocketUpgrade {
  private final TransportContext context;

  WebSocketUpgrade(TransportContext context) {
    this.context = context;
  }

  void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    if (!request.method().equals(HttpMethod.GET)
        || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
          "/v1/ws expects a WebSocket upgrade (GET with Upgrade: websocket)");
      return;
    }
    String token = bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      List<String> fromQuery = uri.parameters().get("token");
      token = fromQuery == null || fromQuery.isEmpty() ? null : fromQuery.get(0);
    }
    if (token == null || token.isBlank()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "a token is required: ?token=... or Authorization: Bearer ...");
      return;
    }
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    String host = request.headers().get(HttpHeaderNames.HOST);
    // The widget runs in an iframe served from this server, so its socket is same-origin.
    if (origin != null && host != null
        && (origin.equals("http://" + host) || origin.equals("https://" + host))) {
      origin = null;
    }
    // A staff session opened from another site's page would act with the staff member's token
    // on that site's behalf: staff sockets come from the console's own origin (or configured
    // ones). Clients that are not browsers send no Origin.
    if (origin != null && AgentTokens.looksLikeAgentToken(token)
        && !context.config().security().staffOrigins().contains(origin)) {
      HttpReplies.error(ctx, request, HttpResponseStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
          "origin " + origin + " may not open a staff session");
      return;
    }
    ctx.channel().config().setAutoRead(false);
    request.retain();
    String checkedOrigin = origin;
    String checkedToken = token;
    String address = context.clientAddress(ctx, request);
    context.limiter().acquire(address, context.config().security().rates().handshakes())
        .thenCompose(allowed -> context.auth().authenticateSocket(checkedToken, checkedOrigin))
        .whenComplete((principal, error) ->
        ctx.executor().execute(() -> {
          if (error != null) {
            try {
              SwitchboardException e = Futures.asSwitchboard(error);
              HttpReplies.error(ctx, request, e);
            } finally {
              request.release();
              ctx.channel().config().setAutoRead(true);
            }
            return;
          }
          WebSocketPipeline.install(ctx.pipeline(), context, principal, address);
          ctx.pipeline().remove(ctx.handler());
          ctx.pipeline().fireChannelRead(request);
          // End the read as a socket read would, for every handler that acts at the end of one.
          ctx.pipeline().fireChannelReadComplete();
          ctx.channel().config().setAutoRead(true);
        }));
  }

  /** The token from {@code Authorization: Bearer <token>}, or null. */
  static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
