package io.switchboard.server.store.monitoring;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The levels the metrics poll from PostgreSQL, each one small query on a partial or time index:
 * conversations waiting in queues, SLA clocks at risk and SLA events lately, and the email outbox.
 * The figures are the whole installation's (every node reports the same value).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class BacklogDao {
  private final Jdbi jdbi;

  public BacklogDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Conversations waiting in a queue now (index {@code conversations_queued}). */
  public long queuedConversations() {
    return count("SELECT count(*) FROM conversations WHERE status = 'queued'");
  }

  /** How long the conversation that has waited longest has waited, in seconds (0 when none). */
  public double longestQueuedSeconds(Instant now) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT coalesce(extract(epoch FROM (:now - min(enqueued_at))), 0)
            FROM conversations WHERE status = 'queued'""")
        .bind("now", now).mapTo(Double.class).one());
  }

  /** SLA clocks at risk now: not breached yet, their deadline still ahead (partial index). */
  public long slaClocksAtRisk() {
    return count("SELECT count(*) FROM sla_clocks WHERE due_at IS NOT NULL AND state = 'at_risk'");
  }

  /** SLA events of {@code kind} ({@code at_risk} or {@code breached}) fired within {@code window}. */
  public long slaEventsWithin(String kind, Instant now, Duration window) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT count(*) FROM sla_events WHERE fired_at > :since AND kind = :kind""")
        .bind("since", now.minus(window)).bind("kind", kind).mapTo(Long.class).one());
  }

  /** Emails waiting in the outbox to be sent (or retried). */
  public long mailOutboxQueued() {
    return count("SELECT count(*) FROM mail_outbox WHERE state = 'queued'");
  }

  private long count(String sql) {
    return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
  }
}
