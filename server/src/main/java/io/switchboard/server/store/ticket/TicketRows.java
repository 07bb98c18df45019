package io.switchboard.server.store.ticket;

import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Reads ticket rows, entries and events from result sets, and appends events, inside the
 * caller's handle.
 *
 * <p>Stateless and thread-safe.
 */
final class TicketRows {
  static final String COLUMNS = """
      t.id, t.site_id, t.number, t.subject, t.contact_id, t.requester_name, t.requester_email,
      t.channel, t.type, t.priority, t.status, t.queue_id, t.assignee_id, t.tags, t.created_at,
      t.updated_at, t.solved_at, t.closed_at, t.merged_into, t.next_deadline, t.sla_policy_id""";

  private TicketRows() {}

  static Ticket ticket(ResultSet rs) throws SQLException {
    long policy = rs.getLong("sla_policy_id");
    return new Ticket(StoreRows.uuid(rs, "id"), rs.getString("site_id"), rs.getLong("number"),
        rs.getString("subject"), StoreRows.uuid(rs, "contact_id"),
        rs.getString("requester_name"), rs.getString("requester_email"),
        TicketChannel.fromWire(rs.getString("channel")), TicketType.fromWire(rs.getString("type")),
        TicketPriority.fromWire(rs.getString("priority")),
        TicketStatus.fromWire(rs.getString("status")), rs.getString("queue_id"),
        StoreRows.uuid(rs, "assignee_id"), StoreRows.textArray(rs, "tags"),
        StoreRows.instant(rs, "created_at"), StoreRows.instant(rs, "updated_at"),
        StoreRows.instant(rs, "solved_at"), StoreRows.instant(rs, "closed_at"),
        StoreRows.uuid(rs, "merged_into"), StoreRows.instant(rs, "next_deadline"),
        rs.wasNull() ? null : policy);
  }

  static TicketEntry entry(ResultSet rs) throws SQLException {
    String call = rs.getString("call");
    return new TicketEntry(rs.getLong("id"), StoreRows.uuid(rs, "ticket_id"),
        TicketEntry.Kind.fromWire(rs.getString("kind")), rs.getString("author_id"),
        rs.getString("body"), rs.getBoolean("proposed_solution"),
        call == null ? null : StoreRows.stringMap(call), StoreRows.instant(rs, "created_at"));
  }

  static TicketEvent event(ResultSet rs) throws SQLException {
    return new TicketEvent(rs.getLong("id"), rs.getString("kind"), rs.getString("actor"),
        StoreRows.stringMap(rs.getString("detail")), StoreRows.instant(rs, "at"));
  }

  /** Appends an event to the ticket's history; entries of {@code detail} that are null are left out. */
  static void record(Handle handle, java.util.UUID ticketId, String kind, String actor,
      Map<String, ?> detail, java.time.Instant at) {
    Map<String, String> present = new LinkedHashMap<>();
    detail.forEach((key, value) -> {
      if (value != null) {
        present.put(key, value.toString());
      }
    });
    handle.createUpdate("""
            INSERT INTO ticket_events (ticket_id, kind, actor, detail, at)
            VALUES (:ticket, :kind, :actor, CAST(:detail AS jsonb), :at)""")
        .bind("ticket", ticketId)
        .bind("kind", kind)
        .bind("actor", actor)
        .bind("detail", StoreRows.toJson(present))
        .bind("at", StoreRows.timestamp(at))
        .execute();
  }
}
