package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.api.ApiRoutes;
import io.switchboard.server.api.AttachmentApi;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.health.Readiness;
import io.switchboard.server.metrics.NodeMetrics;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.session.CommandService;
import io.switchboard.server.session.SessionLifecycle;

/**
 * What the transport handlers need from the rest of the node, bundled so handlers do not take a
 * long parameter list.
 *
 * <p>Immutable and thread-safe if its parts are (they are).
 *
 * @param readiness whether the node should get traffic ({@code /readyz}) and whether it drains
 * @param metrics the node's meters, served at {@code /metrics}
 * @param api the REST routes
 * @param sitePages site facts the demo page and the widget frame need
 * @param limiter the rate limits shared by every node (handshakes, visitor tokens)
 * @param audit the audit log (sign-ins)
 * @param attachments uploads and downloads of attachments; null where a test serves none
 */
public record TransportContext(
    ServerConfig config,
    ProtocolCodec codec,
    AuthService auth,
    SessionRegistry sessions,
    CommandService commands,
    SessionLifecycle lifecycle,
    Readiness readiness,
    NodeMetrics metrics,
    ApiRoutes api,
    SitePages sitePages,
    RateLimiter limiter,
    AuditLog audit,
    AttachmentApi attachments) {

  /** The address of the client that sent {@code request} (see {@link ClientAddress}). */
  String clientAddress(ChannelHandlerContext ctx, HttpRequest request) {
    return ClientAddress.of(ctx, request, config.security().rates().trustedProxies());
  }
}
