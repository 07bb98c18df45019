package io.switchboard.server.store.apikey;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * All the SQL on {@code api_keys}: keys are found by the SHA-256 of their secret, listed newest
 * first, revoked by setting {@code revoked_at}, and their last use moved forward only.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ApiKeyDao {
  private static final String COLUMNS = "id, name, shown_prefix, access, resources, created_by,"
      + " created_at, revoked_at, last_used_at";

  private final Jdbi jdbi;

  public ApiKeyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new key with the hash of its secret. */
  public void insert(ApiKey key, byte[] secretHash) {
    StoreFailures.run("insert api key", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO api_keys (id, name, secret_hash, shown_prefix, access, resources,
                                  created_by, created_at)
            VALUES (:id, :name, :hash, :prefix, :access, :resources, :by, :at)""")
        .bind("id", key.id()).bind("name", key.name()).bind("hash", secretHash)
        .bind("prefix", key.shownPrefix())
        .bind("access", key.access().stream().sorted().toArray(String[]::new))
        .bind("resources", key.resources().stream().sorted().toArray(String[]::new))
        .bind("by", key.createdBy()).bind("at", StoreRows.timestamp(key.createdAt()))
        .execute()));
  }

  /** The key whose secret has this hash, revoked or not. */
  public Optional<ApiKey> findBySecretHash(byte[] secretHash) {
    return StoreFailures.call("find api key", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = :hash")
        .bind("hash", secretHash).map((rs, ctx) -> key(rs)).findOne()));
  }

  public Optional<ApiKey> find(UUID id) {
    return StoreFailures.call("find api key", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> key(rs)).findOne()));
  }

  /** Every key, newest first, revoked ones included. */
  public List<ApiKey> list() {
    return StoreFailures.call("list api keys", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, id")
        .map((rs, ctx) -> key(rs)).list()));
  }

  /** Revokes a key that works; false when there is no such key or it was already revoked. */
  public boolean revoke(UUID id, Instant at) {
    return StoreFailures.call("revoke api key", () -> jdbi.withHandle(handle -> handle
        .createUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
        .bind("id", id).bind("at", StoreRows.timestamp(at)).execute()) == 1);
  }

  /**
   * Records a use at {@code at} unless one at or after {@code notBefore} is already recorded
   * (another node's), so the row is written at most once per interval across the cluster.
   */
  public void recordUse(UUID id, Instant at, Instant notBefore) {
    StoreFailures.run("record api key use", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            UPDATE api_keys SET last_used_at = :at
            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)""")
        .bind("id", id).bind("at", StoreRows.timestamp(at))
        .bind("notBefore", StoreRows.timestamp(notBefore)).execute()));
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    return new ApiKey(StoreRows.uuid(rs, "id"), rs.getString("name"),
        rs.getString("shown_prefix"), new LinkedHashSet<>(StoreRows.textArray(rs, "access")),
        new LinkedHashSet<>(StoreRows.textArray(rs, "resources")),
        StoreRows.uuid(rs, "created_by"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "revoked_at"), StoreRows.instant(rs, "last_used_at"));
  }
}
