package io.switchboard.server.store.identity;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.util.SwitchboardException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A site's identity-verification keys and whether the site enforces verified identities: all
 * the SQL on {@code site_identity_keys} and {@code sites.identity_enforced}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class IdentityKeyDao {
  private static final String COLUMNS =
      "site_id, key_id, kind, secret, public_key, created_at, expires_at";

  private final Jdbi jdbi;

  public IdentityKeyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Adds a key and, in the same transaction, gives every other key of the site that has no
   * earlier end the expiry {@code othersExpireAt} (null: the others stay valid).
   */
  public void add(IdentityKey key, Instant othersExpireAt) {
    StoreFailures.run("add identity key", () -> jdbi.useTransaction(handle -> {
      if (othersExpireAt != null) {
        handle.createUpdate("""
                UPDATE site_identity_keys SET expires_at = :at
                WHERE site_id = :site AND (expires_at IS NULL OR expires_at > :at)""")
            .bind("site", key.siteId()).bind("at", StoreRows.timestamp(othersExpireAt)).execute();
      }
      handle.createUpdate("""
              INSERT INTO site_identity_keys (site_id, key_id, kind, secret, public_key, expires_at)
              VALUES (:site, :key, :kind, :secret, :publicKey, :expires)""")
          .bind("site", key.siteId()).bind("key", key.keyId()).bind("kind", key.kind())
          .bind("secret", key.secret()).bind("publicKey", key.publicKey())
          .bind("expires", key.expiresAt() == null ? null : StoreRows.timestamp(key.expiresAt()))
          .execute();
    }));
  }

  /** Removes a key at once; {@code NOT_FOUND} when the site has no such key. */
  public void delete(String siteId, String keyId) {
    int rows = StoreFailures.call("delete identity key", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM site_identity_keys WHERE site_id = :site AND key_id = :key")
        .bind("site", siteId).bind("key", keyId).execute()));
    if (rows != 1) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such identity key: " + keyId);
    }
  }

  /** The site's keys, oldest first, expired ones included. */
  public List<IdentityKey> keys(String siteId) {
    return StoreFailures.call("list identity keys", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM site_identity_keys WHERE site_id = :site"
            + " ORDER BY created_at, key_id")
        .bind("site", siteId)
        .map((rs, ctx) -> key(rs))
        .list()));
  }

  /** Sets whether the site accepts only verified visitors; false when there is no such site. */
  public boolean setEnforced(String siteId, boolean enforced) {
    return StoreFailures.call("set identity enforcement", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE sites SET identity_enforced = :enforced WHERE id = :site")
        .bind("site", siteId).bind("enforced", enforced).execute()) == 1);
  }

  private static IdentityKey key(ResultSet rs) throws SQLException {
    return new IdentityKey(rs.getString("site_id"), rs.getString("key_id"), rs.getString("kind"),
        rs.getBytes("secret"), rs.getString("public_key"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "expires_at"));
  }
}
