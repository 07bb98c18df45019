package io.switchboard.server.store.lifecycle;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Retention's SQL: the sites' settings, and one batch of old closed conversations and solved or
 * closed tickets, deleted or anonymised on the caller's handle. A batch takes its rows with
 * {@code FOR UPDATE SKIP LOCKED} under a short lock timeout, so it never waits on live traffic
 * and never locks a table.
 *
 * <p>Thread-safe: every call runs on its own pooled connection or on the caller's handle.
 */
public final class RetentionDao {
  /** A placeholder for removed text where a column must not be empty. */
  public static final String REMOVED = "[removed]";

  private final Jdbi jdbi;

  public RetentionDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The site's setting; {@link RetentionSetting#off} when none is stored. */
  public RetentionSetting setting(String siteId) {
    return StoreFailures.call("read retention", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT site_id, enabled, days, mode, updated_at FROM site_retention"
            + " WHERE site_id = :site")
        .bind("site", siteId)
        .map((rs, ctx) -> new RetentionSetting(rs.getString("site_id"), rs.getBoolean("enabled"),
            rs.getInt("days"), rs.getString("mode"), StoreRows.instant(rs, "updated_at")))
        .findOne().orElse(RetentionSetting.off(siteId))));
  }

  /** Stores the setting (the site must exist). */
  public void save(RetentionSetting setting) {
    StoreFailures.run("save retention", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO site_retention (site_id, enabled, days, mode, updated_at)
            VALUES (:site, :enabled, :days, :mode, :at)
            ON CONFLICT (site_id) DO UPDATE SET enabled = excluded.enabled,
                days = excluded.days, mode = excluded.mode, updated_at = excluded.updated_at""")
        .bind("site", setting.siteId()).bind("enabled", setting.enabled())
        .bind("days", setting.days()).bind("mode", setting.mode())
        .bind("at", StoreRows.timestamp(setting.updatedAt())).execute()));
  }

  /** Whether a site with this id exists. */
  public boolean siteExists(String siteId) {
    return StoreFailures.call("find site", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT EXISTS (SELECT 1 FROM sites WHERE id = :site)")
        .bind("site", siteId).mapTo(Boolean.class).one()));
  }

  /** The sites whose retention is on. */
  public List<RetentionSetting> enabled() {
    return StoreFailures.call("list retention", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT site_id, days, mode, updated_at FROM site_retention"
            + " WHERE enabled ORDER BY site_id")
        .map((rs, ctx) -> new RetentionSetting(rs.getString("site_id"), true, rs.getInt("days"),
            rs.getString("mode"), StoreRows.instant(rs, "updated_at")))
        .list()));
  }

  /**
   * Takes up to {@code limit} of the site's conversations closed and tickets finished before
   * {@code cutoff}, not anonymised yet, skipping rows others hold, on the caller's transaction.
   */
  public static PersonalData batch(Handle handle, String siteId, Instant cutoff, int limit) {
    handle.execute("SET LOCAL lock_timeout = '2s'");
    List<UUID> conversations = handle.createQuery("""
            SELECT id FROM conversations
            WHERE site_id = :site AND status = 'closed' AND anonymised_at IS NULL
              AND closed_at < :cutoff
            ORDER BY closed_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
        .bind("site", siteId).bind("cutoff", StoreRows.timestamp(cutoff)).bind("limit", limit)
        .mapTo(UUID.class).list();
    List<UUID> tickets = handle.createQuery("""
            SELECT id FROM tickets
            WHERE site_id = :site AND status IN ('solved', 'closed') AND anonymised_at IS NULL
              AND coalesce(closed_at, solved_at) < :cutoff
            ORDER BY coalesce(closed_at, solved_at) LIMIT :limit FOR UPDATE SKIP LOCKED""")
        .bind("site", siteId).bind("cutoff", StoreRows.timestamp(cutoff)).bind("limit", limit)
        .mapTo(UUID.class).list();
    return PersonalData.items(conversations, tickets);
  }

  /** Deletes the batch's rows everywhere; answers the blobs its attachments named. */
  public static List<String> delete(Handle handle, PersonalData batch) {
    return ErasureDao.erase(handle, batch).blobHashes();
  }

  /**
   * Keeps the batch's rows (and report facts) but blanks their texts, names, addresses, comments
   * and files; answers the blobs its removed attachments named.
   */
  public static List<String> anonymise(Handle handle, PersonalData batch, Instant at) {
    List<String> hashes = PersonalDataDao.bindPerson(handle.createQuery("""
            DELETE FROM attachments WHERE conversation_id = ANY(:v) OR ticket_id = ANY(:t)
            RETURNING sha256"""), batch).mapTo(String.class).list();
    for (String sql : List.of(
        "UPDATE messages SET body = '', attachments = NULL WHERE conversation_id = ANY(:v)",
        "UPDATE notes SET body = '" + REMOVED + "' WHERE conversation_id = ANY(:v)",
        "UPDATE ratings SET comment = NULL WHERE conversation_id = ANY(:v)",
        "UPDATE conversations SET fields = '{}', anonymised_at = :at WHERE id = ANY(:v)",
        "UPDATE ticket_entries SET body = '" + REMOVED + "',"
            + " call = CASE WHEN call IS NULL THEN NULL ELSE '{}'::jsonb END"
            + " WHERE ticket_id = ANY(:t)",
        "UPDATE ticket_ratings SET comment = NULL WHERE ticket_id = ANY(:t)",
        "UPDATE mail_messages SET sender = NULL, recipient = NULL, subject = NULL, html = NULL,"
            + " raw = NULL WHERE ticket_id = ANY(:t)",
        "DELETE FROM mail_outbox WHERE ticket_id = ANY(:t) AND state <> 'queued'",
        "UPDATE tickets SET subject = '" + REMOVED + "', requester_name = NULL,"
            + " requester_email = NULL, anonymised_at = :at WHERE id = ANY(:t)")) {
      PersonalDataDao.bindPerson(handle.createUpdate(sql), batch)
          .bind("at", StoreRows.timestamp(at)).execute();
    }
    return hashes.stream().distinct().toList();
  }

  /** A session-level advisory lock key: one retention run at a time across every node. */
  public static final long RUN_LOCK = 0x5357_5245_5445_4E00L;

  /** Tries the run lock on the handle's session; true when this handle holds it now. */
  public static boolean tryLock(Handle handle) {
    return handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", RUN_LOCK)
        .mapTo(Boolean.class).one();
  }

  /** Releases the run lock taken by {@link #tryLock} on the same handle. */
  public static void unlock(Handle handle) {
    handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", RUN_LOCK)
        .mapTo(Boolean.class).one();
  }
}
