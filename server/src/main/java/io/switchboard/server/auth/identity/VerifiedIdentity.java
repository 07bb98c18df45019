package io.switchboard.server.auth.identity;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;

/**
 * A visitor's identity as the host site signed it: its user id, and the email and name when
 * given.
 *
 * <p>Immutable and thread-safe.
 */
public record VerifiedIdentity(String userId, String email, String name) {
  private static final int MAX_USER_ID = 128;
  private static final int MAX_EMAIL = 254;
  private static final int MAX_NAME = 120;

  /** Checks the fields' shape; {@code INVALID_FIELD} naming the first that is wrong. */
  public VerifiedIdentity {
    if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "identity.userId: required, 1-" + MAX_USER_ID + " characters");
    }
    if (email != null && (email.length() > MAX_EMAIL || !email.contains("@"))) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "identity.email: an email address of at most " + MAX_EMAIL + " characters");
    }
    if (name != null && name.length() > MAX_NAME) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "identity.name: at most " + MAX_NAME + " characters");
    }
    email = email == null || email.isBlank() ? null : email.strip();
    name = name == null || name.isBlank() ? null : name.strip();
  }
}
