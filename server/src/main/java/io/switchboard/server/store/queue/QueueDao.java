package io.switchboard.server.store.queue;

import io.switchboard.server.store.site.Site;
import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Queues (departments): creating them and finding them, by id, by site or all. Their hours,
 * holidays, pause and strategy are in {@link QueueScheduleDao}, their editable settings in
 * {@link QueueSettingsDao}; the skills and languages they route by are routing rules.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class QueueDao {
  private final Jdbi jdbi;

  public QueueDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new queue; {@code NOT_FOUND} when its site does not exist. */
  public void create(QueueInfo queue) {
    StoreFailures.run("create queue", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO queues (id, site_id, name, priority)
            VALUES (:id, :siteId, :name, :priority)""")
        .bind("id", queue.id())
        .bind("siteId", queue.siteId())
        .bind("name", queue.name())
        .bind("priority", queue.priority())
        .execute()));
  }

  public Optional<QueueInfo> find(String id) {
    return StoreFailures.call("find queue", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id, site_id, name, priority FROM queues WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> queue(rs))
        .findOne()));
  }

  /** The site's queues, highest priority first, then by id. */
  public List<QueueInfo> forSite(String siteId) {
    return StoreFailures.call("list queues", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT id, site_id, name, priority FROM queues
            WHERE site_id = :siteId ORDER BY priority DESC, id""")
        .bind("siteId", siteId)
        .map((rs, ctx) -> queue(rs))
        .list()));
  }

  /** Every queue of every site, by name. */
  public List<QueueInfo> all() {
    return StoreFailures.call("list queues", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id, site_id, name, priority FROM queues WHERE site_id <> :probe"
            + " ORDER BY name, id")
        .bind("probe", Site.PROBE_SITE_ID)
        .map((rs, ctx) -> queue(rs))
        .list()));
  }

  private static QueueInfo queue(ResultSet rs) throws SQLException {
    return new QueueInfo(
        rs.getString("id"), rs.getString("site_id"), rs.getString("name"), rs.getInt("priority"));
  }
}
