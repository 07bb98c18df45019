package io.switchboard.server.transport;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.api.ApiRequest;
import io.switchboard.server.api.ApiResponse;
import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.SwitchboardException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the port: REST endpoints, static pages, {@code /healthz}, and the
 * authenticated upgrade to {@code /v1/ws}. Store work runs off the event loop; replies are written
 * back on it.
 *
 * <p>Not shared: one instance per connection, used only from that connection's event loop.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
  static final String WS_PATH = "/v1/ws";
  static final String WIDGET_FRAME = "/widget/frame.html";

  private final TransportContext context;
  private final StaticFiles staticFiles = StaticFiles.INSTANCE;

  HttpApiHandler(TransportContext context) {
    this.context = context;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST,
          "the HTTP request could not be parsed");
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (path.equals(WS_PATH)) {
      new WebSocketUpgrade(context).handle(ctx, request, uri);
      return;
    }
    if (request.method().equals(GET) && path.equals("/healthz")) {
      health(ctx, request);
    } else if (request.method().equals(POST) && path.equals("/v1/visitors")) {
      visitors(ctx, request);
    } else if (request.method().equals(POST) && path.equals("/v1/agents/login")) {
      login(ctx, request);
    } else if (request.method().equals(POST) && path.equals("/v1/agents/logout")) {
      logout(ctx, request);
    } else if (request.method().equals(GET) && (path.equals("/demo") || path.equals("/demo/"))) {
      demo(ctx, request, uri);
    } else if (path.startsWith("/v1/") && context.api() != null
        && context.api().match(request.method().name(), path).isPresent()) {
      api(ctx, request, uri, context.api().match(request.method().name(), path).get());
    } else if (request.method().equals(GET) && path.equals(WIDGET_FRAME)) {
      widgetFrame(ctx, request, uri);
    } else if (request.method().equals(GET) && staticFiles.serves(path)) {
      staticFiles.write(ctx, request, path);
    } else if (path.startsWith("/v1/") && context.api() != null && context.api().knowsPath(path)) {
      HttpReplies.error(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, ErrorCode.BAD_REQUEST,
          request.method() + " is not allowed on " + path);
    } else if (path.startsWith("/v1/")) {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          request.method() + " " + path + " is not an endpoint");
    } else {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          "no page at " + path);
    }
  }

  /** A REST call: parse the body (if any), run the handler off the event loop, reply. */
  private void api(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
      ApiRoutes.Match match) {
    JsonNode body = null;
    if (request.content().isReadable()) {
      body = HttpReplies.jsonBody(ctx, request);
      if (body == null) {
        return;
      }
    }
    ApiRequest apiRequest = new ApiRequest(match.params(), uri.parameters(), body,
        WebSocketUpgrade.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
    CompletableFuture<ApiResponse> response;
    try {
      response = match.handler().handle(apiRequest);
    } catch (SwitchboardException e) {
      response = CompletableFuture.failedFuture(e);
    }
    request.retain();
    reply(ctx, request, response.thenApply(r ->
        new HttpReplies.Json(HttpResponseStatus.valueOf(r.status()), r.body())));
  }

  /**
   * The widget's iframe page. When the site has an Origin allow-list, only those origins (and this
   * server) may frame it, so another site cannot embed the widget and receive its messages.
   */
  private void widgetFrame(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    var site = uri.parameters().get("site");
    if (site == null || site.isEmpty()) {
      staticFiles.write(ctx, request, WIDGET_FRAME, java.util.Map.of(
          "Content-Security-Policy", "frame-ancestors 'self'"));
      return;
    }
    request.retain();
    context.sitePages().allowedOrigins(site.get(0)).whenComplete((origins, error) ->
        ctx.executor().execute(() -> {
          try {
            String ancestors;
            if (error != null || origins.isEmpty()) {
              ancestors = "'self'";
            } else if (origins.get().isEmpty()) {
              ancestors = "*";
            } else {
              ancestors = "'self' " + String.join(" ", origins.get());
            }
            staticFiles.write(ctx, request, WIDGET_FRAME,
                java.util.Map.of("Content-Security-Policy", "frame-ancestors " + ancestors));
          } finally {
            request.release();
          }
        }));
  }

  /** The demo host page, with the site key of {@code ?site=} or of the first site filled in. */
  private void demo(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    var given = uri.parameters().get("site");
    CompletableFuture<java.util.Optional<String>> siteKey = given != null && !given.isEmpty()
        ? CompletableFuture.completedFuture(java.util.Optional.of(given.get(0)))
        : context.sitePages().demoSiteKey();
    request.retain();
    siteKey.whenComplete((key, error) -> ctx.executor().execute(() -> {
      try {
        if (error != null || key.isEmpty()) {
          HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
              "no site yet: create one, or start once with SWITCHBOARD_SEED=true");
          return;
        }
        staticFiles.writeTemplate(ctx, request, "widget/demo.html",
            java.util.Map.of("__SITE_KEY__", key.get()));
      } finally {
        request.release();
      }
    }));
  }

  private void health(ChannelHandlerContext ctx, FullHttpRequest request) {
    request.retain();
    reply(ctx, request, context.health().get().thenApply(report -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", report.ok() ? "ok" : "degraded");
      body.put("node", context.config().nodeId());
      body.put("database", report.database() ? "ok" : "unreachable");
      body.put("redis", report.redis() ? "ok" : "unreachable");
      body.put("sessions", context.sessions().size());
      return new HttpReplies.Json(report.ok() ? HttpResponseStatus.OK
          : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }));
  }

  private void visitors(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String siteKey = text(body, "siteKey");
    if (siteKey == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
          "siteKey: required string");
      return;
    }
    request.retain();
    reply(ctx, request, context.auth().visitorToken(siteKey, text(body, "visitorToken"))
        .thenApply(credentials -> new HttpReplies.Json(HttpResponseStatus.OK, Map.of(
            "visitorToken", credentials.token(),
            "contactId", credentials.contactId().toString(),
            "siteId", credentials.siteId()))));
  }

  private void login(ChannelHandlerContext ctx, FullHttpRequest request) {
    JsonNode body = HttpReplies.jsonBody(ctx, request);
    if (body == null) {
      return;
    }
    String email = text(body, "email");
    String password = text(body, "password");
    if (email == null || password == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD,
          (email == null ? "email" : "password") + ": required string");
      return;
    }
    request.retain();
    reply(ctx, request, context.auth().login(email, password).thenApply(login -> {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("token", login.token());
      reply.put("userId", login.userId().toString());
      reply.put("role", login.role());
      reply.put("name", login.name());
      reply.put("expiresAt", login.expiresAt().toString());
      return new HttpReplies.Json(HttpResponseStatus.OK, reply);
    }));
  }

  private void logout(ChannelHandlerContext ctx, FullHttpRequest request) {
    String token = WebSocketUpgrade.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      HttpReplies.error(ctx, request, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "Authorization: Bearer <token> is required");
      return;
    }
    request.retain();
    reply(ctx, request, context.auth().logout(token).thenApply(revokedUser -> {
      revokedUser.ifPresent(userId -> context.sessions().revokeUser(userId));
      return new HttpReplies.Json(HttpResponseStatus.NO_CONTENT, null);
    }));
  }

  /** Writes the future's reply on the event loop and releases the retained request. */
  private static void reply(ChannelHandlerContext ctx, FullHttpRequest request,
      CompletableFuture<HttpReplies.Json> future) {
    future.whenComplete((json, error) -> ctx.executor().execute(() -> {
      try {
        if (error == null) {
          HttpReplies.json(ctx, request, json.status(), json.body());
        } else {
          SwitchboardException e = Futures.asSwitchboard(error);
          HttpReplies.error(ctx, request, HttpReplies.statusFor(e.code()), e.code(), e.getMessage());
        }
      } finally {
        request.release();
      }
    }));
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle && idle.state() == io.netty.handler.timeout.IdleState.READER_IDLE) {
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
