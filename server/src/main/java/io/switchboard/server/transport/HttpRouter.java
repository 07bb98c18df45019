package io.switchboard.server.transport;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The HTTP routing table: each route is a method and path test with the one endpoint that
 * answers it, tried in order; a request nothing takes is a 405 (a REST path with another method)
 * or a 404. Built once per node.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class HttpRouter {
  static final String WS_PATH = "/v1/ws";
  static final String WIDGET_FRAME = "/widget/frame.html";

  /** A method and path test, and who answers. */
  private record Route(BiPredicate<HttpMethod, String> matches, HttpEndpoint endpoint) {}

  private final List<Route> routes = new ArrayList<>();
  /** This router's own endpoints, as {@code METHOD /path}. */
  private final List<String> described = new ArrayList<>();
  private final TransportContext context;

  HttpRouter(TransportContext context) {
    this.context = context;
    AccountEndpoints accounts = new AccountEndpoints(context);
    SitePageEndpoints pages = new SitePageEndpoints(context);
    RestEndpoint rest = new RestEndpoint(context.api(),
        context.config().security().rates().trustedProxies());
    WebSocketUpgrade upgrade = new WebSocketUpgrade(context);
    HealthEndpoint health = new HealthEndpoint(context);
    add(GET, "/healthz", health::alive);
    add(GET, "/readyz", health::ready);
    add(GET, "/metrics", new MetricsEndpoint(context));
    // While the node drains, everything below (the socket too) is refused with 503.
    add((method, path) -> context.readiness() != null && context.readiness().draining(),
        HttpRouter::draining);
    add((method, path) -> path.equals(WS_PATH), upgrade::handle);
    described.add("GET " + WS_PATH);
    add(POST, "/v1/visitors", accounts::visitorToken);
    add(POST, "/v1/agents/login", accounts::login);
    add(POST, "/v1/agents/logout", accounts::logout);
    add((method, path) -> readsPage(method) && (path.equals("/demo") || path.equals("/demo/")),
        pages::demo);
    if (context.attachments() != null) {
      AttachmentContent content = new AttachmentContent(context.attachments());
      add((method, path) -> method.equals(GET) && AttachmentContent.PATH.matcher(path).matches(),
          content);
      described.add("GET /v1/attachments/{id}/content");
    }
    add(rest::matches, rest);
    add((method, path) -> readsPage(method) && path.equals(WIDGET_FRAME), pages::widgetFrame);
    add((method, path) -> readsPage(method) && StaticFiles.INSTANCE.serves(path),
        (ctx, request, uri) -> StaticFiles.INSTANCE.write(ctx, request, uri.path()));
  }

  /** GET, or HEAD: pages and files answer HEAD with GET's headers and no body. */
  private static boolean readsPage(HttpMethod method) {
    return method.equals(GET) || method.equals(HttpMethod.HEAD);
  }

  /** 503 and close: the node is shutting down and its clients should go to another. */
  private static void draining(ChannelHandlerContext ctx, FullHttpRequest request,
      QueryStringDecoder uri) {
    HttpReplies.error(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.UNAVAILABLE,
        "this node is shutting down; try again (another node will answer)");
  }

  /**
   * Every endpoint answered here or by the REST routes, as {@code METHOD /path/{param}}: pages
   * (the demo, the widget frame) and static files are not endpoints.
   */
  List<String> endpoints() {
    List<String> all = new ArrayList<>(described);
    if (context.api() != null) {
      context.api().described().forEach(route -> all.add(route.method() + " " + route.path()));
    }
    return all;
  }

  private void add(HttpMethod method, String path, HttpEndpoint endpoint) {
    described.add(method.name() + " " + path);
    add((m, p) -> m.equals(method) && p.equals(path), endpoint);
  }

  private void add(BiPredicate<HttpMethod, String> matches, HttpEndpoint endpoint) {
    routes.add(new Route(matches, endpoint));
  }

  /** Answers the request with the first route that takes it, or with 405 or 404. */
  void route(ChannelHandlerContext ctx, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    for (Route route : routes) {
      if (route.matches().test(request.method(), path)) {
        route.endpoint().handle(ctx, request, uri);
        return;
      }
    }
    if (path.startsWith("/v1/") && context.api() != null && context.api().knowsPath(path)) {
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
}
