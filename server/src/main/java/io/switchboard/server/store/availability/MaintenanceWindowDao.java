package io.switchboard.server.store.availability;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Declared maintenance windows in PostgreSQL ({@code maintenance_windows}).
 *
 * <p>Thread-safe: stateless over the shared {@link Jdbi}. Blocks: call it on the store executor.
 */
public final class MaintenanceWindowDao {
  private static final String COLUMNS = "id, starts_at, ends_at, reason, created_by";

  private final Jdbi jdbi;

  public MaintenanceWindowDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new window and returns it with its id. */
  public StoredWindow create(Instant start, Instant end, String reason, String createdBy) {
    return StoreFailures.call("declare maintenance", () -> jdbi.withHandle(handle -> handle
        .createQuery("INSERT INTO maintenance_windows (starts_at, ends_at, reason, created_by)"
            + " VALUES (:start, :end, :reason, :by) RETURNING " + COLUMNS)
        .bind("start", StoreRows.timestamp(start))
        .bind("end", StoreRows.timestamp(end))
        .bind("reason", reason)
        .bind("by", createdBy)
        .map((rs, ctx) -> window(rs))
        .one()));
  }

  public Optional<StoredWindow> find(long id) {
    return StoreFailures.call("find maintenance", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM maintenance_windows WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> window(rs))
        .findOne()));
  }

  /** True when the window existed and is gone now. */
  public boolean delete(long id) {
    return StoreFailures.call("delete maintenance", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM maintenance_windows WHERE id = :id")
        .bind("id", id)
        .execute() == 1));
  }

  /** The windows that overlap {@code [from, to)}, by start. */
  public List<StoredWindow> overlapping(Instant from, Instant to) {
    return StoreFailures.call("list maintenance", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM maintenance_windows"
            + " WHERE starts_at < :to AND ends_at > :from ORDER BY starts_at, id")
        .bind("from", StoreRows.timestamp(from))
        .bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> window(rs))
        .list()));
  }

  /** The newest windows first (by start), at most {@code limit}. */
  public List<StoredWindow> recent(int limit) {
    return StoreFailures.call("list maintenance", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM maintenance_windows"
            + " ORDER BY starts_at DESC, id DESC LIMIT :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> window(rs))
        .list()));
  }

  private static StoredWindow window(ResultSet rs) throws SQLException {
    return new StoredWindow(rs.getLong("id"), StoreRows.instant(rs, "starts_at"),
        StoreRows.instant(rs, "ends_at"), rs.getString("reason"), rs.getString("created_by"));
  }
}
