package io.switchboard.server.auth.lockout;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Told when the login guard locks an account or a client address, and when an admin unlocks an
 * account, so that both can be written to the audit log. Every method does nothing unless it is
 * overridden, and {@link #NONE} overrides none.
 *
 * <p>Implementations must be thread-safe: they are called on Redis reply threads, for logins on
 * any connection at once.
 */
public interface LoginGuardListener {
  /** A listener that ignores everything. */
  LoginGuardListener NONE = new LoginGuardListener() {};

  /** What a lock holds back: one account (from every address), or one address (every account). */
  enum Target {
    ACCOUNT, ADDRESS;

    /** The lower-case name, as in the audit log. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An attempt went over the limit and locked {@code target}.
   *
   * @param email the email the locking attempt was for (not necessarily an existing user's)
   * @param address the client address it came from
   * @param until when the lock ends
   */
  default void locked(Target target, String email, String address, Instant until) {}

  /**
   * An admin unlocked a user's account: its failed attempts and locks are forgotten.
   *
   * @param userId the unlocked user
   * @param email their email, the account the attempts were counted against
   * @param byUserId the admin who unlocked it
   */
  default void unlocked(UUID userId, String email, String byUserId) {}
}
