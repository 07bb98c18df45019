package io.switchboard.server.store.webhook;

import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The feeder's storage: its advisory lock, its cursors, and one feeding pass that reads the
 * event histories above the cursors (less a margin) and fills the outbox, in one
 * repeatable-read transaction so the heads it saves and the rows it read are the same snapshot.
 *
 * <p>Stateless and thread-safe; a handle passed in belongs to one thread.
 */
public final class WebhookFeedDao {
  /** The advisory lock that lets one node at a time feed the outbox. */
  static final long FEED_LOCK = 0x574542484f4f4bL;

  /** Where the feeder stopped: the highest ids read and when its last pass began. */
  public record Cursors(long conversationEvent, long ticketEvent, long slaEvent,
      long contactEvent, Instant lastRun) {}

  /** What one pass did: the rows it inserted and the cursors it saved. */
  public record Fed(int inserted, Cursors heads) {}

  private final Jdbi jdbi;

  public WebhookFeedDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Takes the feed lock for the handle's connection; false when another node holds it. */
  public boolean tryLock(Handle handle) {
    return handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", FEED_LOCK)
        .mapTo(Boolean.class).one();
  }

  /** Gives the feed lock back. */
  public void unlock(Handle handle) {
    handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", FEED_LOCK)
        .mapTo(Boolean.class).one();
  }

  /** The cursors, empty before the first pass on this database. */
  public Optional<Cursors> cursors(Handle handle) {
    List<Map<String, Object>> rows = handle.createQuery(
        "SELECT name, last_id, last_at FROM webhook_cursors").mapToMap().list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long[] ids = new long[4];
    Instant lastRun = Instant.EPOCH;
    for (Map<String, Object> row : rows) {
      long id = ((Number) row.get("last_id")).longValue();
      lastRun = ((java.sql.Timestamp) row.get("last_at")).toInstant();
      switch ((String) row.get("name")) {
        case "conversation_events" -> ids[0] = id;
        case "ticket_events" -> ids[1] = id;
        case "sla_events" -> ids[2] = id;
        case "contact_events" -> ids[3] = id;
        default -> { }
      }
    }
    return Optional.of(new Cursors(ids[0], ids[1], ids[2], ids[3], lastRun));
  }

  /**
   * Starts the cursors at the histories' heads (the first pass on a database: webhooks are
   * new, so there is no history to send yet).
   */
  public Cursors start(Handle handle) {
    return handle.inTransaction(tx -> {
      Cursors heads = heads(tx);
      save(tx, heads);
      return heads;
    });
  }

  /**
   * One pass: inserts every event above {@code from} less {@code idMargin} (ids of a
   * transaction that committed late), or after its last run less {@code timeMargin} seconds,
   * for every webhook that wants it, stamped {@code now} for delivery; saves the new heads.
   * Without an enabled webhook it only moves the cursors.
   */
  public Fed feed(Handle handle, Cursors from, long idMargin, long timeMarginSeconds,
      Instant now) {
    return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> {
      Cursors heads = heads(tx);
      boolean anyEnabled = tx.createQuery("SELECT EXISTS (SELECT 1 FROM webhooks WHERE enabled)")
          .mapTo(Boolean.class).one();
      int inserted = !anyEnabled ? 0 : tx.createUpdate(WebhookFeedSql.FEED)
          .bind("ce", from.conversationEvent() - idMargin)
          .bind("te", from.ticketEvent() - idMargin)
          .bind("se", from.slaEvent() - idMargin)
          .bind("ke", from.contactEvent() - idMargin)
          .bind("since", StoreRows.timestamp(from.lastRun().minusSeconds(timeMarginSeconds)))
          .bind("now", StoreRows.timestamp(now))
          .execute();
      save(tx, heads);
      return new Fed(inserted, heads);
    });
  }

  private static Cursors heads(Handle handle) {
    return handle.createQuery(WebhookFeedSql.HEADS)
        .map((rs, ctx) -> new Cursors(rs.getLong("ce"), rs.getLong("te"), rs.getLong("se"),
            rs.getLong("ke"), StoreRows.instant(rs, "now")))
        .one();
  }

  private static void save(Handle handle, Cursors cursors) {
    String sql = """
        INSERT INTO webhook_cursors (name, last_id, last_at) VALUES (:name, :id, :at)
        ON CONFLICT (name) DO UPDATE
        SET last_id = greatest(webhook_cursors.last_id, excluded.last_id),
            last_at = greatest(webhook_cursors.last_at, excluded.last_at)""";
    Object[][] rows = {{"conversation_events", cursors.conversationEvent()},
        {"ticket_events", cursors.ticketEvent()}, {"sla_events", cursors.slaEvent()},
        {"contact_events", cursors.contactEvent()}};
    for (Object[] row : rows) {
      handle.createUpdate(sql).bind("name", (String) row[0]).bind("id", (Long) row[1])
          .bind("at", StoreRows.timestamp(cursors.lastRun())).execute();
    }
  }
}
