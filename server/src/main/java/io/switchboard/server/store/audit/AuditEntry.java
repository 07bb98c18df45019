package io.switchboard.server.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audit log entry: who did what to which target, when and from where, with the state before
 * and after (JSON text, may be null), chained to the entry before it by hashes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the position in the log (0 until appended)
 * @param at when, to the millisecond
 * @param actorId the user who acted, or null for the system or an unknown caller
 * @param actorRole {@code admin}, {@code supervisor}, {@code agent}, {@code system} or {@code
 *     anonymous}
 * @param action what happened, such as {@code POST /v1/admin/users} or {@code login.failed}
 * @param targetType the kind of thing acted on (may be null)
 * @param targetId which one (may be null)
 * @param address the client's address (may be null)
 * @param before the state before, as JSON (may be null)
 * @param after the state after, or what was asked, as JSON (may be null)
 */
public record AuditEntry(long id, Instant at, String actorId, String actorRole, String action,
    String targetType, String targetId, String address, String before, String after) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actorRole, "actorRole");
    Objects.requireNonNull(action, "action");
    at = at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The same entry at position {@code position}. */
  public AuditEntry at(long position) {
    return new AuditEntry(position, at, actorId, actorRole, action, targetType, targetId, address,
        before, after);
  }

  /**
   * The entry's hash: SHA-256 over every field (each with its length, so no two entries encode
   * alike) and the previous entry's hash.
   */
  public byte[] hash(byte[] previous) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String field : new String[] {Long.toString(id), at.toString(), actorId, actorRole,
          action, targetType, targetId, address, before, after}) {
        byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
        digest.update((field == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
      }
      digest.update(previous);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
