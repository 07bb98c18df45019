package io.switchboard.server.api;

import io.switchboard.server.access.Role;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AgentTokens;
import io.switchboard.server.auth.AuthService;

/**
 * Records in the audit log every successful change that an admin or a supervisor makes over REST
 * (who, which endpoint and target, from where, what they asked for, secrets redacted, and the
 * state it replaced where the endpoint gives it: sites, users, teams, queues), and
 * every use of a one-time password link.
 *
 * <p>Thread-safe.
 */
public final class StaffWriteAudit implements ApiRoutes.WriteListener {
  private final AuthService auth;
  private final AuditLog audit;

  public StaffWriteAudit(AuthService auth, AuditLog audit) {
    this.auth = auth;
    this.audit = audit;
  }

  @Override
  public void written(String method, String path, ApiRequest request, ApiResponse response) {
    String[] segments = path.split("/");
    // /v1/<resource>/<id>/... or /v1/admin/<resource>/<id>/...
    int at = segments.length > 2 && segments[2].equals("admin") ? 3 : 2;
    String targetType = segments.length > at ? segments[at] : null;
    String targetId = segments.length > at + 1 ? segments[at + 1] : null;
    String action = method + " " + path;
    String after = AuditLog.redacted(request.body());
    if (path.startsWith("/v1/password-links/")) {
      audit.record(new AuditLog.Event(null, "anonymous", method + " /v1/password-links",
          "password-link", null, request.address(), null, null));
      return;
    }
    if (path.endsWith("/gdpr-erase")) {
      return; // the erasure records itself, naming only the contact's pseudonym
    }
    if (!AgentTokens.looksLikeAgentToken(request.bearer())) {
      return;
    }
    auth.staff(request.bearer()).thenAccept(staff -> {
      if (staff.role() == Role.ADMIN || staff.role() == Role.SUPERVISOR) {
        audit.record(new AuditLog.Event(staff.id(), staff.role().wire(), action, targetType,
            targetId, request.address(), ApiJson.text(response.before()), after));
      }
    }).exceptionally(error -> null);
  }
}
