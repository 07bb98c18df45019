package io.switchboard.server.store.site;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sites and their queues.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SiteDao {
  private static final String SITE_COLUMNS =
      "id, name, site_key, allowed_origins, default_queue_id, identity_enforced";

  private final Jdbi jdbi;

  public SiteDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new site; {@code CONFLICT} when its id or site key is taken. */
  public void create(Site site) {
    StoreFailures.run("create site", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO sites (id, name, site_key, allowed_origins, default_queue_id)
            VALUES (:id, :name, :siteKey, :origins, :defaultQueueId)""")
        .bind("id", site.id())
        .bind("name", site.name())
        .bind("siteKey", site.siteKey())
        .bindArray("origins", String.class, site.allowedOrigins())
        .bind("defaultQueueId", site.defaultQueueId())
        .execute()));
  }

  public Optional<Site> findBySiteKey(String siteKey) {
    return findSite("site_key", siteKey);
  }

  public Optional<Site> find(String id) {
    return findSite("id", id);
  }

  private Optional<Site> findSite(String column, String value) {
    return StoreFailures.call("find site", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + SITE_COLUMNS + " FROM sites WHERE " + column + " = :value")
        .bind("value", value)
        .map((rs, ctx) -> site(rs))
        .findOne()));
  }

  /** True when at least one site exists, so a fresh installation can be told apart. */
  public boolean anySite() {
    return StoreFailures.call("look for sites", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT EXISTS (SELECT 1 FROM sites)")
        .mapTo(Boolean.class)
        .one()));
  }

  private static Site site(ResultSet rs) throws SQLException {
    return new Site(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("site_key"),
        StoreRows.textArray(rs, "allowed_origins"),
        rs.getString("default_queue_id"),
        rs.getBoolean("identity_enforced"));
  }

  /** The widget settings of a site. */
  public Optional<WidgetSettings> widgetSettings(String siteId) {
    return StoreFailures.call("find widget settings", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT brand_color, greeting_en, greeting_zh, language, prechat_fields::text AS fields
            FROM sites WHERE id = :id""")
        .bind("id", siteId)
        .map((rs, ctx) -> new WidgetSettings(rs.getString("brand_color"),
            rs.getString("greeting_en"), rs.getString("greeting_zh"), rs.getString("language"),
            StoreRows.stringMap(rs.getString("fields"))))
        .findOne()));
  }

  /** The key of the oldest site (the demo page's default), if any site exists. */
  public Optional<String> firstSiteKey() {
    return StoreFailures.call("first site", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT site_key FROM sites ORDER BY created_at, id LIMIT 1")
        .mapTo(String.class)
        .findOne()));
  }
}
