package io.switchboard.server.store.exchange;

import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The rows of the CSV exports, streamed in one read-only transaction with a fetch size, so an
 * export of any size never sits in memory: contacts of a site, and conversations or tickets
 * matching an {@link ExportFilter}. Each query's columns are named by its {@code *_COLUMNS}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ExportQueries {
  public static final List<String> CONTACT_COLUMNS = List.of("id", "external_id", "name",
      "email", "phone", "other_emails", "other_phones", "company", "owner", "stage", "tags",
      "attributes", "source", "created_at", "updated_at");
  public static final List<String> CONVERSATION_COLUMNS = List.of("id", "site", "queue", "team",
      "status", "contact", "contact_email", "agent", "created_at", "closed_at", "disposition",
      "tags", "messages", "rating", "imported_from");
  public static final List<String> TICKET_COLUMNS = List.of("number", "id", "site", "subject",
      "status", "priority", "type", "channel", "queue", "team", "assignee", "requester",
      "requester_email", "tags", "created_at", "updated_at", "solved_at", "closed_at");
  private static final String FILTER = """
      (CAST(:from AS timestamptz) IS NULL OR x.created_at >= :from)
      AND (CAST(:to AS timestamptz) IS NULL OR x.created_at < :to)
      AND (CAST(:site AS text) IS NULL OR x.site_id = :site)
      AND (CAST(:team AS text) IS NULL OR q.team_id = :team)
      AND (CAST(:status AS text) IS NULL OR x.status = :status)
      AND x.tags @> CAST(:tags AS text[])
      AND (NOT :scoped OR x.queue_id = ANY(:queues))""";

  private final Jdbi jdbi;

  public ExportQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** How many contacts the site has (not merged away). */
  public int countContacts(String siteId) {
    return count("SELECT count(*) FROM contacts WHERE site_id = :site AND merged_into IS NULL",
        siteId);
  }

  public void contacts(String siteId, Consumer<List<String>> row) {
    stream("export contacts", """
        SELECT c.id, c.external_id, c.name, c.email, c.phone,
               array_to_string(c.other_emails, ';'), array_to_string(c.other_phones, ';'),
               co.name, u.email, c.stage, array_to_string(c.tags, ';'), c.attributes::text,
               c.source, c.created_at, c.updated_at
        FROM contacts c
        LEFT JOIN companies co ON co.id = c.company_id
        LEFT JOIN users u ON u.id = c.owner_id
        WHERE c.site_id = :site AND c.merged_into IS NULL
        ORDER BY c.created_at, c.id""", q -> q.bind("site", siteId), row);
  }

  public int countConversations(ExportFilter f) {
    return count(filtered("""
        SELECT count(*) FROM conversations x JOIN queues q ON q.id = x.queue_id
        WHERE (CAST(:agent AS uuid) IS NULL OR x.agent_id = :agent) AND """), f);
  }

  public void conversations(ExportFilter f, Consumer<List<String>> row) {
    stream("export conversations", filtered("""
        SELECT x.id, x.site_id, x.queue_id, q.team_id, x.status, ct.name, ct.email,
               u.display_name, x.created_at, x.closed_at, x.disposition,
               array_to_string(x.tags, ';'), x.last_seq, r.score, x.imported_from
        FROM conversations x JOIN queues q ON q.id = x.queue_id
        JOIN contacts ct ON ct.id = x.contact_id
        LEFT JOIN users u ON u.id = x.agent_id
        LEFT JOIN ratings r ON r.conversation_id = x.id
        WHERE (CAST(:agent AS uuid) IS NULL OR x.agent_id = :agent) AND """)
        + " ORDER BY x.created_at, x.id", q -> bind(q, f), row);
  }

  public int countTickets(ExportFilter f) {
    return count(filtered("""
        SELECT count(*) FROM tickets x LEFT JOIN queues q ON q.id = x.queue_id
        WHERE (CAST(:agent AS uuid) IS NULL OR x.assignee_id = :agent) AND """), f);
  }

  public void tickets(ExportFilter f, Consumer<List<String>> row) {
    stream("export tickets", filtered("""
        SELECT x.number, x.id, x.site_id, x.subject, x.status, x.priority, x.type, x.channel,
               x.queue_id, q.team_id, u.display_name, x.requester_name, x.requester_email,
               array_to_string(x.tags, ';'), x.created_at, x.updated_at, x.solved_at,
               x.closed_at
        FROM tickets x LEFT JOIN queues q ON q.id = x.queue_id
        LEFT JOIN users u ON u.id = x.assignee_id
        WHERE (CAST(:agent AS uuid) IS NULL OR x.assignee_id = :agent) AND """)
        + " ORDER BY x.created_at, x.id", q -> bind(q, f), row);
  }

  private static String filtered(String sql) {
    return sql + FILTER;
  }

  private int count(String sql, Object siteOrFilter) {
    return StoreFailures.call("export count", () -> jdbi.withHandle(h -> {
      Query q = h.createQuery(sql);
      if (siteOrFilter instanceof ExportFilter f) {
        bind(q, f);
      } else {
        q.bind("site", (String) siteOrFilter);
      }
      return q.mapTo(Integer.class).one();
    }));
  }

  private static void bind(Query q, ExportFilter f) {
    q.bind("from", f.from()).bind("to", f.to()).bind("site", f.siteId())
        .bind("team", f.teamId()).bind("agent", f.agentId()).bind("status", f.status())
        .bind("tags", f.tags().toArray(String[]::new)).bind("scoped", f.queues() != null)
        .bind("queues", f.queues() == null ? new String[0]
            : f.queues().toArray(String[]::new));
  }

  private void stream(String what, String sql, Consumer<Query> binder,
      Consumer<List<String>> row) {
    StoreFailures.run(what, () -> jdbi.useTransaction(h -> {
      Query q = h.createQuery(sql).setFetchSize(1000);
      binder.accept(q);
      q.map((rs, ctx) -> texts(rs)).forEach(row);
    }));
  }

  static List<String> texts(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<String> values = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      Object value = rs.getObject(i);
      values.add(value instanceof java.sql.Timestamp t ? t.toInstant().toString()
          : value == null ? "" : value.toString());
    }
    return values;
  }
}
