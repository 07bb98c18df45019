package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The pages that depend on a site: the demo host page ({@code /demo}, with the site key of
 * {@code ?site=} or of the first site filled in) and the widget's iframe page, which only the
 * site's allowed origins (and this server) may frame, so another site cannot embed the widget and
 * receive its messages.
 *
 * <p>Thread-safe: stateless.
 */
final class SitePageEndpoints {
  private final TransportContext context;

  SitePageEndpoints(TransportContext context) {
    this.context = context;
  }

  void widgetFrame(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    List<String> site = uri.parameters().get("site");
    if (site == null || site.isEmpty()) {
      StaticFiles.INSTANCE.write(ctx, request, HttpRouter.WIDGET_FRAME,
          Map.of("Content-Security-Policy", "frame-ancestors 'self'"));
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
            StaticFiles.INSTANCE.write(ctx, request, HttpRouter.WIDGET_FRAME,
                Map.of("Content-Security-Policy", "frame-ancestors " + ancestors));
          } finally {
            request.release();
          }
        }));
  }

  void demo(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    List<String> given = uri.parameters().get("site");
    CompletableFuture<Optional<String>> siteKey = given != null && !given.isEmpty()
        ? CompletableFuture.completedFuture(Optional.of(given.get(0)))
        : context.sitePages().demoSiteKey();
    request.retain();
    siteKey.whenComplete((key, error) -> ctx.executor().execute(() -> {
      try {
        if (error != null || key.isEmpty()) {
          HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
              "no site yet: create one, or start once with SWITCHBOARD_SEED=true");
          return;
        }
        StaticFiles.INSTANCE.writeTemplate(ctx, request, "widget/demo.html",
            Map.of("__SITE_KEY__", key.get()));
      } finally {
        request.release();
      }
    }));
  }
}
