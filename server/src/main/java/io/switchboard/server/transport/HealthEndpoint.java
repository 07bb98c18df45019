package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /healthz}: whether PostgreSQL and Redis answer, with this node's id and session
 * count; 503 when either does not.
 *
 * <p>Thread-safe: stateless.
 */
final class HealthEndpoint implements HttpEndpoint {
  private final TransportContext context;

  HealthEndpoint(TransportContext context) {
    this.context = context;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    request.retain();
    HttpReplies.reply(ctx, request, context.health().get().thenApply(report -> {
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
}
