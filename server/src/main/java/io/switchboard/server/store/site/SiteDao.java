package io.switchboard.server.store.site;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Sites and their queues.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SiteDao {
  private static final String SITE_COLUMNS =
      "id, name, site_key, allowed_origins, default_queue_id, identity_enforced";
  private static final String SETTINGS_COLUMNS = """
      id, site_key, name, brand_color, language, greeting_en, greeting_zh, offline_text_en,
      offline_text_zh, allowed_origins, default_queue_id, prechat_fields::text AS fields,
      prechat_labels::text AS labels""";

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
        .createQuery("SELECT EXISTS (SELECT 1 FROM sites WHERE id <> :probe)")
        .bind("probe", Site.PROBE_SITE_ID)
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

  /** Everything an admin sets on the site, if it exists. */
  public Optional<SiteSettings> settings(String siteId) {
    return StoreFailures.call("find site settings", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + SETTINGS_COLUMNS + " FROM sites WHERE id = :id")
        .bind("id", siteId)
        .map((rs, ctx) -> settings(rs))
        .findOne()));
  }

  /** Every site's settings, by name. */
  public List<SiteSettings> allSettings() {
    return StoreFailures.call("list sites", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + SETTINGS_COLUMNS
            + " FROM sites WHERE id <> :probe ORDER BY lower(name), id")
        .bind("probe", Site.PROBE_SITE_ID)
        .map((rs, ctx) -> settings(rs))
        .list()));
  }

  /** Stores a new site with its settings; {@code CONFLICT} when its id or key is taken. */
  public void create(SiteSettings site) {
    StoreFailures.run("create site", () -> jdbi.useHandle(handle -> bind(handle.createUpdate("""
            INSERT INTO sites (id, site_key, name, allowed_origins, default_queue_id, brand_color,
                greeting_en, greeting_zh, language, prechat_fields, prechat_labels,
                offline_text_en, offline_text_zh, updated_at)
            VALUES (:id, :siteKey, :name, :origins, :defaultQueueId, :brandColor, :greetingEn,
                :greetingZh, :language, :fields::jsonb, :labels::jsonb, :offlineEn, :offlineZh,
                now())"""), site)
        .bind("siteKey", site.siteKey())
        .execute()));
  }

  /** Replaces the settings of {@code site.id()}; false when no such site exists. */
  public boolean update(SiteSettings site) {
    return StoreFailures.call("update site", () -> jdbi.withHandle(handle -> bind(handle
        .createUpdate("""
            UPDATE sites SET name = :name, allowed_origins = :origins,
                default_queue_id = :defaultQueueId, brand_color = :brandColor,
                greeting_en = :greetingEn, greeting_zh = :greetingZh, language = :language,
                prechat_fields = :fields::jsonb, prechat_labels = :labels::jsonb,
                offline_text_en = :offlineEn, offline_text_zh = :offlineZh, updated_at = now()
            WHERE id = :id"""), site)
        .execute() == 1));
  }

  private static Update bind(Update update, SiteSettings site) {
    return update.bind("id", site.id())
        .bind("name", site.name())
        .bind("defaultQueueId", site.defaultQueueId())
        .bind("brandColor", site.brandColor())
        .bind("greetingEn", site.greetingEn())
        .bind("greetingZh", site.greetingZh())
        .bind("language", site.language())
        .bind("fields", StoreRows.toJson(site.prechatFields()))
        .bind("labels", StoreRows.toJson(site.labels()))
        .bind("offlineEn", site.offlineTextEn())
        .bind("offlineZh", site.offlineTextZh())
        .bindArray("origins", String.class, site.allowedOrigins());
  }

  private static SiteSettings settings(ResultSet rs) throws SQLException {
    return new SiteSettings(rs.getString("id"), rs.getString("site_key"), rs.getString("name"),
        rs.getString("brand_color"), rs.getString("language"), rs.getString("greeting_en"),
        rs.getString("greeting_zh"), rs.getString("offline_text_en"),
        rs.getString("offline_text_zh"), StoreRows.textArray(rs, "allowed_origins"),
        rs.getString("default_queue_id"), StoreRows.stringMap(rs.getString("fields")),
        StoreRows.stringMap(rs.getString("labels")));
  }

  /** The key of the oldest site (the demo page's default), if any site exists. */
  public Optional<String> firstSiteKey() {
    return StoreFailures.call("first site", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT site_key FROM sites WHERE id <> :probe ORDER BY created_at, id LIMIT 1")
        .bind("probe", Site.PROBE_SITE_ID)
        .mapTo(String.class)
        .findOne()));
  }
}
