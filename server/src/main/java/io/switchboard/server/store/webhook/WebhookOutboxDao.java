package io.switchboard.server.store.webhook;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook outbox and delivery log: taking the next deliveries that are due (only the first
 * undelivered event of each conversation, ticket or contact per webhook, and only one node at
 * a time per row, through a lease), recording each attempt, the log with its filters, replay,
 * the backlog, and pruning of old finished rows.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class WebhookOutboxDao {
  private static final String COLUMNS = """
      d.id, d.webhook_id, d.event_id, d.event_type, d.ordering_key, d.payload::text AS body,
      d.status, d.attempts, d.window_start, d.next_attempt_at, d.last_attempt_at, d.last_status,
      d.last_error, d.delivered_at, d.created_at""";

  private final Jdbi jdbi;

  public WebhookOutboxDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Leases up to {@code limit} due deliveries until {@code leaseUntil}: of each (webhook,
   * ordering key) only the oldest pending row, and only when no attempt of it is in flight; of
   * each webhook at most its {@code free} slots (or {@code perEndpoint} when it has none in
   * flight here).
   */
  public List<WebhookDelivery> claim(Instant now, Instant leaseUntil, Map<UUID, Integer> free,
      int perEndpoint, int limit) {
    UUID[] ids = free.keySet().toArray(UUID[]::new);
    Integer[] slots = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      slots[i] = Math.max(0, free.get(ids[i]));
    }
    return StoreFailures.call("claim webhook deliveries", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            WITH heads AS (
              SELECT DISTINCT ON (d.webhook_id, d.ordering_key) d.id, d.webhook_id,
                     d.next_attempt_at, d.leased_until
              FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.enabled
              WHERE d.status = 'pending'
              ORDER BY d.webhook_id, d.ordering_key, d.id
            ), ranked AS (
              SELECT id, webhook_id, next_attempt_at,
                     row_number() OVER (PARTITION BY webhook_id ORDER BY next_attempt_at, id) AS n
              FROM heads
              WHERE next_attempt_at <= :now AND (leased_until IS NULL OR leased_until <= :now)
            ), due AS (
              SELECT r.id FROM ranked r
              LEFT JOIN unnest(CAST(:ids AS uuid[]), CAST(:slots AS int[])) AS f(webhook_id, free)
                ON f.webhook_id = r.webhook_id
              WHERE r.n <= coalesce(f.free, :per)
              ORDER BY r.next_attempt_at, r.id LIMIT :limit
            )
            UPDATE webhook_deliveries d
            SET leased_until = :lease, attempts = d.attempts + 1, last_attempt_at = :now
            FROM due
            WHERE d.id = due.id AND d.status = 'pending'
              AND (d.leased_until IS NULL OR d.leased_until <= :now)
            RETURNING\s""" + COLUMNS)
        .bind("now", StoreRows.timestamp(now)).bind("lease", StoreRows.timestamp(leaseUntil))
        .bindArray("ids", UUID.class, (Object[]) ids)
        .bindArray("slots", Integer.class, (Object[]) slots)
        .bind("per", perEndpoint).bind("limit", limit)
        .map((rs, ctx) -> row(rs)).list()));
  }

  /** Records a successful attempt. */
  public void delivered(long id, int status, Instant now) {
    StoreFailures.run("record webhook delivery", () -> jdbi.useHandle(handle -> handle
        .createUpdate("""
            UPDATE webhook_deliveries SET status = 'delivered', delivered_at = :now,
                leased_until = NULL, last_status = :status, last_error = NULL
            WHERE id = :id AND status = 'pending'""")
        .bind("id", id).bind("status", status).bind("now", StoreRows.timestamp(now))
        .execute()));
  }

  /**
   * Records a failed attempt: the row waits until {@code nextAttempt}, or is failed for good
   * when {@code nextAttempt} is null.
   */
  public void attemptFailed(long id, Integer status, String error, Instant nextAttempt) {
    StoreFailures.run("record webhook failure", () -> jdbi.useHandle(handle -> handle
        .createUpdate("""
            UPDATE webhook_deliveries
            SET status = CASE WHEN CAST(:next AS timestamptz) IS NULL THEN 'failed'
                              ELSE 'pending' END,
                next_attempt_at = coalesce(CAST(:next AS timestamptz), next_attempt_at),
                leased_until = NULL, last_status = :status, last_error = :error
            WHERE id = :id AND status = 'pending'""")
        .bind("id", id).bind("status", status)
        .bind("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
        .bind("next", StoreRows.timestamp(nextAttempt)).execute()));
  }

  /** One page of a webhook's log, newest first, below {@code beforeId}, of one status or all. */
  public List<WebhookDelivery> log(UUID webhookId, String status, long beforeId, int limit) {
    return StoreFailures.call("read webhook log", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries d"
            + " WHERE d.webhook_id = :hook AND d.id < :before"
            + " AND (CAST(:status AS text) IS NULL OR d.status = :status)"
            + " ORDER BY d.id DESC LIMIT :limit")
        .bind("hook", webhookId).bind("status", status).bind("before", beforeId)
        .bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
  }

  /**
   * Sends again: one delivery of the webhook that is not pending ({@code deliveryId}), or every
   * failed one ({@code deliveryId} null), with a new 24-hour window from {@code now}. Answers
   * how many rows were put back in the outbox.
   */
  public int replay(UUID webhookId, Long deliveryId, Instant now) {
    return StoreFailures.call("replay webhook deliveries", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            UPDATE webhook_deliveries
            SET status = 'pending', attempts = 0, window_start = :now, next_attempt_at = :now,
                leased_until = NULL, delivered_at = NULL
            WHERE webhook_id = :hook
              AND (CASE WHEN CAST(:id AS bigint) IS NULL THEN status = 'failed'
                        ELSE id = :id AND status <> 'pending' END)""")
        .bind("hook", webhookId).bind("id", deliveryId).bind("now", StoreRows.timestamp(now))
        .execute()));
  }

  /** Undelivered events (pending, whether due or waiting for a retry), of every webhook. */
  public long backlog() {
    return StoreFailures.call("count webhook backlog", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")
        .mapTo(Long.class).one()));
  }

  /** Deletes at most {@code limit} delivered or failed rows created before {@code before}. */
  public int prune(Instant before, int limit) {
    return StoreFailures.call("prune webhook log", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            DELETE FROM webhook_deliveries WHERE id IN (
              SELECT id FROM webhook_deliveries
              WHERE status <> 'pending' AND created_at < :before LIMIT :limit)""")
        .bind("before", StoreRows.timestamp(before)).bind("limit", limit).execute()));
  }

  /**
   * Deletes, on {@code handle} (inside a contact's erasure), every outbox row of the person's
   * conversations, tickets and contacts (their ordering keys) and any other row whose data names
   * one of those contacts; answers how many.
   */
  public static int forget(Handle handle, Collection<UUID> contacts, Collection<UUID> conversations,
      Collection<UUID> tickets) {
    List<String> keys = new ArrayList<>();
    conversations.forEach(id -> keys.add("conversation:" + id));
    tickets.forEach(id -> keys.add("ticket:" + id));
    contacts.forEach(id -> keys.add("contact:" + id));
    return handle.createUpdate("""
            DELETE FROM webhook_deliveries
            WHERE ordering_key = ANY(:keys)
               OR payload -> 'data' ->> 'contactId' = ANY(:contacts)
               OR payload -> 'data' ->> 'mergedContactId' = ANY(:contacts)""")
        .bind("keys", keys.toArray(String[]::new))
        .bind("contacts", contacts.stream().map(UUID::toString).toArray(String[]::new))
        .execute();
  }

  /** {@link #forget} of one contact alone, in a transaction of its own. */
  public int forgetContact(UUID contactId) {
    return StoreFailures.call("forget contact in webhook outbox", () -> jdbi.inTransaction(h ->
        forget(h, List.of(contactId), List.of(), List.of())));
  }

  private static WebhookDelivery row(ResultSet rs) throws SQLException {
    int status = rs.getInt("last_status");
    Integer lastStatus = rs.wasNull() ? null : status;
    return new WebhookDelivery(rs.getLong("id"), StoreRows.uuid(rs, "webhook_id"),
        rs.getString("event_id"), rs.getString("event_type"), rs.getString("ordering_key"),
        rs.getString("body"), rs.getString("status"), rs.getInt("attempts"),
        StoreRows.instant(rs, "window_start"), StoreRows.instant(rs, "next_attempt_at"),
        StoreRows.instant(rs, "last_attempt_at"), lastStatus,
        rs.getString("last_error"), StoreRows.instant(rs, "delivered_at"),
        StoreRows.instant(rs, "created_at"));
  }
}
