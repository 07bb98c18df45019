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
   * The entry's hash: SHA-256 over its non-personal fields (each with its length, so no two
   * entries encode alike), its {@link #personalDigest} and the previous entry's hash. An erasure
   * may later overwrite the personal fields; the hash and the chain stay valid because they cover
   * only the digest of those fields.
   */
  public byte[] hash(byte[] previous) {
    return hashWithDigest(personalDigest(), previous);
  }

  /** The entry's hash with a given digest of its personal fields (a redacted entry's stored one). */
  public byte[] hashWithDigest(byte[] personalDigest, byte[] previous) {
    MessageDigest digest = sha256();
    encode(digest, Long.toString(id), at.toString(), actorRole, targetType);
    digest.update(personalDigest);
    digest.update(previous);
    return digest.digest();
  }

  /**
   * SHA-256 over the personal fields, each with its length: actor, action (a REST action's path
   * holds the ids it was called with), target id, address, before and after. Stored beside the entry so the chain can be checked after they are redacted.
   */
  public byte[] personalDigest() {
    MessageDigest digest = sha256();
    encode(digest, actorId, action, targetId, address, before, after);
    return digest.digest();
  }

  /**
   * The hash of an entry written before personal digests existed: SHA-256 over every field and
   * the previous entry's hash.
   */
  public byte[] legacyHash(byte[] previous) {
    MessageDigest digest = sha256();
    encode(digest, Long.toString(id), at.toString(), actorId, actorRole, action, targetType,
        targetId, address, before, after);
    digest.update(previous);
    return digest.digest();
  }

  private static void encode(MessageDigest digest, String... fields) {
    for (String field : fields) {
      byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
      digest.update((field == null ? "-1:" : bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
