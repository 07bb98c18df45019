package io.switchboard.server.audit;

import io.switchboard.server.auth.lockout.LoginGuardListener;
import java.time.Instant;

/**
 * Writes the login guard's locks to the audit log, as {@code login.locked} by {@code system}:
 * the target is the account (the email as typed, shortened) or the address, with when the lock
 * ends. Unlocks are not written here: an admin's unlock request is recorded, with who asked, like
 * every other admin change over REST.
 *
 * <p>Thread-safe.
 */
public final class LoginLockAudit implements LoginGuardListener {
  private final AuditLog audit;

  public LoginLockAudit(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void locked(Target target, String email, String address, Instant until) {
    String targetId = target == Target.ACCOUNT ? AuditLog.shortened(email) : address;
    audit.record(new AuditLog.Event(null, "system", "login.locked", target.wire(), targetId,
        address, null, "{\"until\":\"" + until + "\"}"));
  }
}
