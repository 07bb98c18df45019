package io.switchboard.server.store.webhook;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhooks' configuration rows: create, read, change, delete. Deleting a webhook deletes
 * its outbox and delivery log with it.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class WebhookDao {
  private static final String COLUMNS =
      "id, site_id, url, secret, events, enabled, description, created_at, updated_at";

  private final Jdbi jdbi;

  public WebhookDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new webhook; {@code NOT_FOUND} when its site does not exist. */
  public void create(Webhook hook) {
    StoreFailures.run("create webhook", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO webhooks (id, site_id, url, secret, events, enabled, description,
                created_at, updated_at)
            VALUES (:id, :site, :url, :secret, :events, :enabled, :description, :at, :at)""")
        .bind("id", hook.id()).bind("site", hook.siteId()).bind("url", hook.url())
        .bind("secret", hook.secret())
        .bindArray("events", String.class, hook.events().toArray())
        .bind("enabled", hook.enabled()).bind("description", hook.description())
        .bind("at", StoreRows.timestamp(hook.createdAt())).execute()));
  }

  public Optional<Webhook> find(UUID id) {
    return StoreFailures.call("read webhook", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  /** The webhooks of one site, or of every site when {@code siteId} is null, oldest first. */
  public List<Webhook> list(String siteId) {
    return StoreFailures.call("list webhooks", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM webhooks"
            + " WHERE CAST(:site AS text) IS NULL OR site_id = :site ORDER BY created_at, id")
        .bind("site", siteId).map((rs, ctx) -> row(rs)).list()));
  }

  /** Replaces the changeable fields (url, events, enabled, description, secret). */
  public boolean update(Webhook hook) {
    return StoreFailures.call("update webhook", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            UPDATE webhooks SET url = :url, secret = :secret, events = :events,
                enabled = :enabled, description = :description, updated_at = :at
            WHERE id = :id""")
        .bind("id", hook.id()).bind("url", hook.url()).bind("secret", hook.secret())
        .bindArray("events", String.class, hook.events().toArray())
        .bind("enabled", hook.enabled()).bind("description", hook.description())
        .bind("at", StoreRows.timestamp(hook.updatedAt())).execute() > 0));
  }

  /** Deletes the webhook with its outbox and log; false when there was none. */
  public boolean delete(UUID id) {
    return StoreFailures.call("delete webhook", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute() > 0));
  }

  static Webhook row(ResultSet rs) throws SQLException {
    return new Webhook(StoreRows.uuid(rs, "id"), rs.getString("site_id"), rs.getString("url"),
        rs.getString("secret"), StoreRows.textArray(rs, "events"), rs.getBoolean("enabled"),
        rs.getString("description"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "updated_at"));
  }
}
