package io.switchboard.server.store.user;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time password links (invitations and resets): only each token's SHA-256 is stored, and
 * using a link marks it used in the same statement that checks it, so it works once even when
 * two requests race.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class InviteDao {
  /** An open link: whose it is and what for ({@code invite} or {@code reset}). */
  public record Invite(UUID userId, String purpose, Instant expiresAt) {}

  private final Jdbi jdbi;

  public InviteDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new link; the user's older open links stop working. */
  public void create(byte[] tokenHash, UUID userId, String purpose, Instant expiresAt) {
    StoreFailures.run("create invite", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("""
              UPDATE user_invites SET used_at = now()
              WHERE user_id = :user AND used_at IS NULL""")
          .bind("user", userId).execute();
      handle.createUpdate("""
              INSERT INTO user_invites (token_hash, user_id, purpose, expires_at)
              VALUES (:hash, :user, :purpose, :expires)""")
          .bind("hash", tokenHash).bind("user", userId).bind("purpose", purpose)
          .bind("expires", StoreRows.timestamp(expiresAt)).execute();
    }));
  }

  /** The open, unexpired link with this hash, without using it. */
  public Optional<Invite> find(byte[] tokenHash, Instant now) {
    return StoreFailures.call("find invite", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT user_id, purpose, expires_at FROM user_invites
            WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now""")
        .bind("hash", tokenHash).bind("now", StoreRows.timestamp(now))
        .map((rs, ctx) -> new Invite(StoreRows.uuid(rs, "user_id"), rs.getString("purpose"),
            StoreRows.instant(rs, "expires_at")))
        .findOne()));
  }

  /**
   * Uses the link and sets the user's password in one transaction: empty when the link is
   * unknown, used or expired (nothing changes then).
   */
  public Optional<UUID> use(byte[] tokenHash, Instant now, String passwordHash) {
    return StoreFailures.call("use invite", () -> jdbi.inTransaction(handle -> {
      Optional<UUID> user = handle.createQuery("""
              UPDATE user_invites SET used_at = :now
              WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
              RETURNING user_id""")
          .bind("hash", tokenHash).bind("now", StoreRows.timestamp(now))
          .mapTo(UUID.class).findOne();
      user.ifPresent(id -> handle.createUpdate("""
              UPDATE users SET password_hash = :hash, password_changed_at = :now WHERE id = :id""")
          .bind("hash", passwordHash).bind("now", StoreRows.timestamp(now)).bind("id", id)
          .execute());
      return user;
    }));
  }
}
