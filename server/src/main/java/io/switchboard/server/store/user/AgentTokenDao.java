package io.switchboard.server.store.user;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side login tokens of console users. Only the SHA-256 hash of a token is stored, so a
 * database dump cannot be used to log in; revoking a token takes effect on every node at once.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AgentTokenDao {
  private final Jdbi jdbi;

  public AgentTokenDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new token hash for {@code userId}, valid until {@code expiresAt}. */
  public void insert(byte[] tokenHash, UUID userId, Instant expiresAt) {
    StoreFailures.run("store token", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO agent_tokens (token_hash, user_id, expires_at)
            VALUES (:hash, :userId, :expiresAt)""")
        .bind("hash", tokenHash)
        .bind("userId", userId)
        .bind("expiresAt", StoreRows.timestamp(expiresAt))
        .execute()));
  }

  /**
   * The user a token belongs to, when the token is neither revoked nor expired and the user is not
   * disabled.
   */
  public Optional<UUID> findActiveUser(byte[] tokenHash) {
    return StoreFailures.call("check token", () -> jdbi.withHandle(handle -> handle.createQuery("""
            SELECT t.user_id FROM agent_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > now()
              AND NOT u.disabled""")
        .bind("hash", tokenHash)
        .map((rs, ctx) -> StoreRows.uuid(rs, "user_id"))
        .findOne()));
  }

  /**
   * Of the given token hashes (hex), those still good at {@code now}: not revoked, not expired,
   * and of a user who is not disabled. One statement for all of them.
   */
  public Set<String> stillValid(Collection<String> hexHashes, Instant now) {
    if (hexHashes.isEmpty()) {
      return Set.of();
    }
    byte[][] hashes = hexHashes.stream().map(HexFormat.of()::parseHex).toArray(byte[][]::new);
    return StoreFailures.call("check tokens", () -> jdbi.withHandle(handle -> new HashSet<>(handle
        .createQuery("""
            SELECT encode(t.token_hash, 'hex') FROM agent_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = ANY(:hashes) AND t.revoked_at IS NULL AND t.expires_at > :now
              AND NOT u.disabled""")
        .bind("hashes", hashes)
        .bind("now", StoreRows.timestamp(now))
        .mapTo(String.class)
        .list())));
  }

  /** Revokes one token; true when it existed and was still unrevoked. */
  public boolean revoke(byte[] tokenHash) {
    return StoreFailures.call("revoke token", () -> jdbi.withHandle(handle -> handle.createUpdate("""
            UPDATE agent_tokens SET revoked_at = now()
            WHERE token_hash = :hash AND revoked_at IS NULL""")
        .bind("hash", tokenHash)
        .execute()) > 0);
  }

  /** Revokes every token of the user but {@code keep} (a new password signs out the others). */
  public int revokeAllExcept(UUID userId, byte[] keep) {
    return StoreFailures.call("revoke tokens", () -> jdbi.withHandle(handle -> handle.createUpdate("""
            UPDATE agent_tokens SET revoked_at = now()
            WHERE user_id = :userId AND revoked_at IS NULL AND token_hash <> :keep""")
        .bind("userId", userId)
        .bind("keep", keep == null ? new byte[0] : keep)
        .execute()));
  }

  /** Revokes every token of the user, for logout everywhere; returns how many were revoked. */
  public int revokeAllFor(UUID userId) {
    return StoreFailures.call("revoke tokens", () -> jdbi.withHandle(handle -> handle.createUpdate("""
            UPDATE agent_tokens SET revoked_at = now()
            WHERE user_id = :userId AND revoked_at IS NULL""")
        .bind("userId", userId)
        .execute()));
  }
}
