package io.switchboard.server.store.ticket;

import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Builds the SQL of a ticket list or of the view counts from a {@link TicketQuery}: every filter
 * is a bound parameter, never text pasted into the statement.
 *
 * <p>Stateless and thread-safe.
 */
final class TicketListing {
  private static final String ACTIVE = "t.status IN ('new', 'open', 'pending', 'on_hold')";

  private TicketListing() {}

  static List<Ticket> list(Handle handle, TicketQuery query) {
    Where where = where(query);
    var statement = handle.createQuery("SELECT " + TicketRows.COLUMNS + " FROM tickets t WHERE "
        + where.sql() + """
         ORDER BY t.next_deadline ASC NULLS LAST, t.created_at ASC, t.id
        LIMIT :limit OFFSET :offset""");
    where.bind(statement);
    return statement.bind("limit", query.limit()).bind("offset", query.offset())
        .map((rs, ctx) -> TicketRows.ticket(rs)).list();
  }

  static TicketCounts counts(Handle handle, TicketQuery scope, UUID me, Instant soon) {
    Where where = where(scope);
    var statement = handle.createQuery("SELECT"
        + " count(*) FILTER (WHERE t.assignee_id = :me AND " + ACTIVE + ") AS mine,"
        + " count(*) FILTER (WHERE t.assignee_id IS NULL AND " + ACTIVE + ") AS unassigned,"
        + " count(*) FILTER (WHERE t.next_deadline <= :soon AND " + ACTIVE + ") AS soon,"
        + " count(*) FILTER (WHERE t.status = 'pending') AS pending,"
        + " count(*) FILTER (WHERE t.status <> 'closed') AS every,"
        + " count(*) FILTER (WHERE t.type = 'complaint' AND " + ACTIVE + ") AS complaints"
        + " FROM tickets t WHERE " + where.sql());
    where.bind(statement);
    return statement.bind("me", me).bind("soon", StoreRows.timestamp(soon))
        .map((rs, ctx) -> new TicketCounts(rs.getInt("mine"), rs.getInt("unassigned"),
            rs.getInt("soon"), rs.getInt("pending"), rs.getInt("every"),
            rs.getInt("complaints")))
        .one();
  }

  /** The WHERE clause and what it binds. */
  private record Where(String sql, Map<String, Object> values, Map<String, String[]> arrays) {
    void bind(SqlStatement<?> statement) {
      values.forEach(statement::bind);
      arrays.forEach((name, array) -> statement.bindArray(name, String.class, (Object[]) array));
    }
  }

  private static Where where(TicketQuery query) {
    List<String> clauses = new ArrayList<>();
    Map<String, Object> values = new java.util.HashMap<>();
    Map<String, String[]> arrays = new java.util.HashMap<>();
    if (query.scopeQueues() != null) {
      clauses.add("(t.queue_id = ANY(:scopeQueues) OR t.assignee_id = :scopeUser)");
      arrays.put("scopeQueues", query.scopeQueues().toArray(String[]::new));
      values.put("scopeUser", query.scopeUser());
    }
    anyOf(clauses, arrays, "t.status", "statuses", query.statuses(), TicketStatus::wire);
    anyOf(clauses, arrays, "t.priority", "priorities", query.priorities(), TicketPriority::wire);
    anyOf(clauses, arrays, "t.type", "types", query.types(), TicketType::wire);
    anyOf(clauses, arrays, "t.channel", "channels", query.channels(), TicketChannel::wire);
    anyOf(clauses, arrays, "t.queue_id", "queues", query.queues(), Function.identity());
    if (query.assignee() != null) {
      clauses.add("t.assignee_id = :assignee");
      values.put("assignee", query.assignee());
    } else if (query.unassigned()) {
      clauses.add("t.assignee_id IS NULL");
    }
    if (query.tag() != null) {
      clauses.add(":tag = ANY(t.tags)");
      values.put("tag", query.tag());
    }
    at(clauses, values, "t.created_at >= :createdFrom", "createdFrom", query.createdFrom());
    at(clauses, values, "t.created_at < :createdTo", "createdTo", query.createdTo());
    at(clauses, values, "t.next_deadline < :deadlineBefore", "deadlineBefore",
        query.deadlineBefore());
    if (query.number() != null) {
      clauses.add("t.number = :number");
      values.put("number", query.number());
    }
    if (query.contactId() != null) {
      clauses.add("t.contact_id = :contact");
      values.put("contact", query.contactId());
    }
    return new Where(clauses.isEmpty() ? "true" : String.join(" AND ", clauses), values, arrays);
  }

  private static <T> void anyOf(List<String> clauses, Map<String, String[]> arrays, String column,
      String name, Collection<T> wanted, Function<T, String> wire) {
    if (!wanted.isEmpty()) {
      clauses.add(column + " = ANY(:" + name + ")");
      arrays.put(name, wanted.stream().map(wire).toArray(String[]::new));
    }
  }

  private static void at(List<String> clauses, Map<String, Object> values, String clause,
      String name, Instant instant) {
    if (instant != null) {
      clauses.add(clause);
      values.put(name, StoreRows.timestamp(instant));
    }
  }
}
