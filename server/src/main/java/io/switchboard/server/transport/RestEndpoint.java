package io.switchboard.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.server.api.ApiRequest;
import io.switchboard.server.api.ApiResponse;
import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.config.TrustedProxies;
import io.switchboard.server.util.SwitchboardException;
import java.util.concurrent.CompletableFuture;

/**
 * The REST API under {@code /v1/}: parses the JSON body (if any) and the bearer token, runs the
 * {@link ApiRoutes} handler (which does its store work off the event loop) and writes its answer.
 *
 * <p>Thread-safe: stateless.
 */
final class RestEndpoint implements HttpEndpoint {
  private final ApiRoutes api;
  private final TrustedProxies proxies;

  RestEndpoint(ApiRoutes api, TrustedProxies proxies) {
    this.proxies = proxies;
    this.api = api;
  }

  /** Whether a REST route takes the method and path. */
  boolean matches(HttpMethod method, String path) {
    return api != null && path.startsWith("/v1/") && api.match(method.name(), path).isPresent();
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    ApiRoutes.Match match = api.match(request.method().name(), uri.path()).orElseThrow();
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (match.crossOrigin() && origin != null) {
      HttpReplies.allowOrigin(ctx, request, origin);
    }
    JsonNode body = null;
    if (request.content().isReadable()) {
      body = HttpReplies.jsonBody(ctx, request);
      if (body == null) {
        return;
      }
    }
    ApiRequest apiRequest = new ApiRequest(match.params(), uri.parameters(), body,
        WebSocketUpgrade.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION)),
        ClientAddress.of(ctx, request, proxies), origin);
    CompletableFuture<ApiResponse> response;
    try {
      response = match.handler().handle(apiRequest);
    } catch (SwitchboardException e) {
      response = CompletableFuture.failedFuture(e);
    }
    request.retain();
    HttpReplies.reply(ctx, request, response.thenApply(r ->
        new HttpReplies.Json(HttpResponseStatus.valueOf(r.status()), r.body(), r.contentType())));
  }
}
