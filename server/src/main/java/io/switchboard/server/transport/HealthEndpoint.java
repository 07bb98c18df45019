package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /healthz} (alive: the process answers HTTP, nothing else is checked, no I/O) and
 * {@code GET /readyz} (ready for traffic: PostgreSQL and Redis answer, migrations done, not
 * draining; 503 otherwise, with what failed). Both name the node and count its sessions.
 *
 * <p>Thread-safe: stateless.
 */
final class HealthEndpoint {
  private final TransportContext context;

  HealthEndpoint(TransportContext context) {
    this.context = context;
  }

  /** {@code /healthz}: always 200 while the process serves HTTP. */
  void alive(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("node", context.config().nodeId());
    body.put("sessions", context.sessions().size());
    HttpReplies.json(ctx, request, HttpResponseStatus.OK, body);
  }

  /** {@code /readyz}: 200 when ready, 503 with the failing checks when not. */
  void ready(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    request.retain();
    HttpReplies.reply(ctx, request, context.readiness().report().thenApply(report -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", report.ready() ? "ready" : report.draining() ? "draining" : "unready");
      body.put("node", context.config().nodeId());
      body.put("database", report.database() ? "ok" : "unreachable");
      body.put("redis", report.redis() ? "ok" : "unreachable");
      body.put("migrations", report.migrated() ? "done" : "pending");
      body.put("draining", report.draining());
      body.put("sessions", context.sessions().size());
      return new HttpReplies.Json(report.ready() ? HttpResponseStatus.OK
          : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }));
  }
}
