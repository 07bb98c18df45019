package io.switchboard.server.agentstatus;

import io.switchboard.server.db.StoreRows;
import io.switchboard.server.testing.StoreFixture;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes random chat histories as raw rows (a conversation and its events, with their times) and
 * reads the raw rows back for the truth test.
 *
 * <p>Stateless and thread-safe.
 */
final class Chats {
  private Chats() {}

  /**
   * One chat that starts at {@code t}: queued, then a few of assigned, accepted, transferred to
   * another agent or to the queue, requeued; then closed, or still held (or waiting) at the end.
   */
  static void randomChat(Jdbi jdbi, StoreFixture fixture, Random random, List<UUID> agents,
      long t, long last) {
    UUID id = UUID.randomUUID();
    UUID contact = fixture.newContact();
    jdbi.useTransaction(handle -> {
      handle.execute("""
          INSERT INTO conversations (id, site_id, contact_id, queue_id, status, created_at,
                                     enqueued_at)
          VALUES (?, ?, ?, ?, 'queued', ?, ?)""", id, fixture.siteId, contact, fixture.queueId,
          at(t), at(t));
      event(handle, id, "queued", null, null, t);
      long now = t;
      UUID holder = null;
      int steps = 1 + random.nextInt(6);
      for (int i = 0; i < steps; i++) {
        // Mostly minutes; sometimes more than a day without an event.
        now += 1 + (random.nextInt(8) == 0 ? random.nextInt(150_000) : random.nextInt(2_400));
        UUID agent = agents.get(random.nextInt(agents.size()));
        int kind = random.nextInt(10);
        if (holder == null) {
          event(handle, id, "assigned", agent.toString(), null, now);
          holder = agent;
        } else if (kind < 3) {
          event(handle, id, "accepted", holder.toString(), null, now);
        } else if (kind < 6) {
          event(handle, id, "transferred", "supervisor", agent.toString(), now);
          holder = agent;
        } else if (kind < 7) {
          event(handle, id, "transferred", holder.toString(), null, now);
          holder = null;
        } else {
          event(handle, id, "requeued", null, null, now);
          holder = null;
        }
      }
      if (random.nextInt(4) != 0 && now < last) {
        now += 1 + random.nextInt(3_000);
        event(handle, id, "closed", "visitor", null, now);
        handle.execute("UPDATE conversations SET status = 'closed', closed_at = ?, agent_id = ?"
            + " WHERE id = ?", at(now), holder, id);
      } else if (holder != null) {
        handle.execute("UPDATE conversations SET status = 'assigned', agent_id = ?,"
            + " assigned_at = ? WHERE id = ?", holder, at(now), id);
      }
    });
  }

  private static void event(Handle handle, UUID conversation, String kind, String actor,
      String toAgent, long at) {
    String detail = toAgent == null ? "{}" : "{\"toAgent\":\"" + toAgent + "\"}";
    handle.execute("INSERT INTO conversation_events (conversation_id, kind, actor_id, detail, at)"
        + " VALUES (?, ?, ?, CAST(? AS jsonb), ?)", conversation, kind, actor, detail, at(at));
  }

  private static Object at(long epochSecond) {
    return StoreRows.timestamp(Instant.ofEpochSecond(epochSecond));
  }

  static List<SecondBySecond.StatusRow> statusRows(Jdbi jdbi, List<UUID> agents) {
    return jdbi.withHandle(h -> h.createQuery("SELECT agent_id, status, started_at, ended_at"
            + " FROM agent_status_periods WHERE agent_id = ANY(:agents)")
        .bind("agents", agents.toArray(UUID[]::new))
        .map((rs, ctx) -> new SecondBySecond.StatusRow(StoreRows.uuid(rs, "agent_id"),
            rs.getString("status"), StoreRows.instant(rs, "started_at"),
            StoreRows.instant(rs, "ended_at")))
        .list());
  }

  static List<SecondBySecond.EventRow> eventRows(Jdbi jdbi, String queueId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT e.conversation_id, e.id, e.kind, e.actor_id, e.detail->>'toAgent' AS to_agent,
                   e.at
            FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
            WHERE c.queue_id = :queue""")
        .bind("queue", queueId)
        .map((rs, ctx) -> new SecondBySecond.EventRow(StoreRows.uuid(rs, "conversation_id"),
            rs.getLong("id"), rs.getString("kind"), rs.getString("actor_id"),
            rs.getString("to_agent"), StoreRows.instant(rs, "at")))
        .list());
  }
}
