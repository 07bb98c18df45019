package io.switchboard.server.store.campaign;

import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Campaigns in PostgreSQL: an admin's list, create and change, and a site's enabled campaigns
 * in the order they are tried.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class CampaignDao {
  private static final String COLUMNS = """
      id, site_id, queue_id, name, enabled, priority, url_pattern, min_seconds_on_page,
      min_visits, visitor, referrer_contains, languages, business_hours_only, cap_days,
      message_en, message_zh, sender_id, updated_at""";

  private final Jdbi jdbi;

  public CampaignDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every campaign of the given sites (all sites when null), newest change first. */
  public List<Campaign> list(String siteId) {
    return StoreFailures.call("list campaigns", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM campaigns"
            + " WHERE (CAST(:site AS text) IS NULL OR site_id = :site)"
            + " ORDER BY site_id, priority DESC, name")
        .bind("site", siteId)
        .map((rs, ctx) -> row(rs))
        .list()));
  }

  /** A site's enabled campaigns, highest priority first. */
  public List<Campaign> enabled(String siteId) {
    return StoreFailures.call("read enabled campaigns", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM campaigns WHERE site_id = :site AND enabled"
            + " ORDER BY priority DESC, created_at")
        .bind("site", siteId)
        .map((rs, ctx) -> row(rs))
        .list()));
  }

  public Optional<Campaign> find(UUID id) {
    return StoreFailures.call("read campaign", () -> jdbi.withHandle(handle -> find(handle, id)));
  }

  static Optional<Campaign> find(Handle handle, UUID id) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM campaigns WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  public void create(Campaign campaign) {
    StoreFailures.run("create campaign", () -> jdbi.useHandle(handle -> bind(handle.createUpdate("""
        INSERT INTO campaigns (id, site_id, queue_id, name, enabled, priority, url_pattern,
            min_seconds_on_page, min_visits, visitor, referrer_contains, languages,
            business_hours_only, cap_days, message_en, message_zh, sender_id)
        VALUES (:id, :site, :queue, :name, :enabled, :priority, :urlPattern, :minSeconds,
            :minVisits, :visitor, :referrer, :languages, :businessHours, :capDays, :messageEn,
            :messageZh, :sender)"""), campaign).execute()));
  }

  /** Replaces everything but the id and the site; false when there is no such campaign. */
  public boolean update(Campaign campaign) {
    return StoreFailures.call("change campaign", () -> jdbi.withHandle(handle ->
        bind(handle.createUpdate("""
            UPDATE campaigns SET queue_id = :queue, name = :name, enabled = :enabled,
                priority = :priority, url_pattern = :urlPattern, min_seconds_on_page = :minSeconds,
                min_visits = :minVisits, visitor = :visitor, referrer_contains = :referrer,
                languages = :languages, business_hours_only = :businessHours,
                cap_days = :capDays, message_en = :messageEn, message_zh = :messageZh,
                sender_id = :sender, updated_at = now()
            WHERE id = :id AND site_id = :site"""), campaign).execute() == 1));
  }

  private static <S extends SqlStatement<S>> S bind(S statement, Campaign c) {
    return statement.bind("id", c.id())
        .bind("site", c.siteId())
        .bind("queue", c.queueId())
        .bind("name", c.name())
        .bind("enabled", c.enabled())
        .bind("priority", c.priority())
        .bind("urlPattern", c.urlPattern())
        .bind("minSeconds", c.minSecondsOnPage())
        .bind("minVisits", c.minVisits())
        .bind("visitor", c.visitor())
        .bind("referrer", c.referrerContains())
        .bind("languages", c.languages().toArray(String[]::new))
        .bind("businessHours", c.businessHoursOnly())
        .bind("capDays", c.capDays())
        .bind("messageEn", c.messageEn())
        .bind("messageZh", c.messageZh())
        .bind("sender", c.senderId());
  }

  private static Campaign row(ResultSet rs) throws SQLException {
    int cap = rs.getInt("cap_days");
    Integer capDays = rs.wasNull() ? null : cap;
    return new Campaign(rs.getObject("id", UUID.class), rs.getString("site_id"),
        rs.getString("queue_id"), rs.getString("name"), rs.getBoolean("enabled"),
        rs.getInt("priority"), rs.getString("url_pattern"), rs.getInt("min_seconds_on_page"),
        rs.getInt("min_visits"), rs.getString("visitor"), rs.getString("referrer_contains"),
        Arrays.asList((String[]) rs.getArray("languages").getArray()),
        rs.getBoolean("business_hours_only"), capDays, rs.getString("message_en"),
        rs.getString("message_zh"), rs.getObject("sender_id", UUID.class),
        rs.getTimestamp("updated_at").toInstant());
  }
}
