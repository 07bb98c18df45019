package io.switchboard.server.store.search;

import io.switchboard.server.store.site.Site;
import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The search queries, one per kind: the GIN index on {@code search_terms(...)} narrows the rows,
 * the exact text is checked again, and each kind returns at most {@code limit} hits newest first
 * (no totals: counting every match of a common word would read the whole index). Messages also
 * have a bounded newest-first scan along the time index, which finds a common word's newest hits
 * without reading its whole posting list.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SearchDao {
  private static final String MESSAGE_ORDER =
      "m.created_at DESC, m.conversation_id DESC, m.seq";
  private static final String TICKET_KEY = "at, ticket_id, number";
  /** How many of the newest messages the scan reads before it leaves the rest to the index. */
  public static final int SCAN_ROWS = 20_000;
  private final Jdbi jdbi;
  private final int scanRows;

  public SearchDao(Jdbi jdbi) {
    this(jdbi, SCAN_ROWS);
  }

  /** With another scan bound (tests use a small one so that both ways are taken). */
  public SearchDao(Jdbi jdbi, int scanRows) {
    this.jdbi = jdbi;
    this.scanRows = scanRows;
  }

  /**
   * What the newest-first scan found: its hits (at most the filter's limit), and the key of the
   * oldest message it read when older ones may still hold hits (null when the range is done:
   * the page is full or the scan read every message of the range).
   */
  public record MessageScan(List<SearchHit> hits, SearchCursor rest) {}

  /** The query's index terms, by the same function the index uses; empty when it has none. */
  public List<String> terms(String query) {
    return StoreFailures.call("search terms", () -> jdbi.withHandle(handle -> List.of(handle
        .createQuery("SELECT search_terms(:q)").bind("q", query).mapTo(String[].class).one())));
  }

  /**
   * Reads at most the scan bound of the newest messages in the time range after the cursor, by
   * the time index, and checks their text and filters: one statement that returns the hits and
   * the oldest message read. A common word fills the page here.
   */
  public MessageScan scanMessages(SearchFilter filter, SearchCursor cursor) {
    SearchSql range = new SearchSql().during("m.created_at", filter)
        .after(cursor, SearchKind.MESSAGE, "m.created_at", "m.conversation_id", "m.seq");
    SearchSql sql = messageFilters(filter);
    String text = """
        WITH scanned AS MATERIALIZED (
          SELECT m.created_at, m.conversation_id, m.seq, m.body FROM messages m
          WHERE %s
          ORDER BY %s DESC LIMIT :scanRows)
        (SELECT m.created_at AS at, m.body AS text, m.conversation_id AS id, m.seq AS number,
                0 AS ticket_number, NULL AS title, false AS edge
         FROM scanned m JOIN conversations c ON c.id = m.conversation_id
         WHERE %s
         ORDER BY %s DESC LIMIT :limit)
        UNION ALL
        (SELECT created_at, NULL, conversation_id, seq, count(*) OVER (), NULL, true
         FROM scanned ORDER BY created_at, conversation_id, seq LIMIT 1)"""
        .formatted(range.clause().isEmpty() ? "true" : range.clause(), MESSAGE_ORDER,
            sql.clause(), MESSAGE_ORDER);
    return StoreFailures.call("scan messages", () -> jdbi.withHandle(handle -> {
      Query query = handle.createQuery(text);
      range.bind(query);
      sql.bind(query);
      List<SearchHit> hits = new ArrayList<>();
      SearchCursor[] rest = new SearchCursor[1];
      query.bind("scanRows", scanRows).bind("limit", filter.limit()).map((rs, ctx) -> {
        if (!rs.getBoolean("edge")) {
          return hits.add(hit(rs, SearchKind.MESSAGE));
        }
        if (rs.getLong("ticket_number") >= scanRows) {
          rest[0] = new SearchCursor(rs.getTimestamp("at").toInstant(),
              SearchKind.MESSAGE.rank(), rs.getObject(3, UUID.class), rs.getLong("number"));
        }
        return true;
      }).list();
      boolean done = hits.size() >= filter.limit() || rest[0] == null;
      return new MessageScan(hits, done ? null : rest[0]);
    }));
  }

  /**
   * Chat messages whose text holds every word, found through the terms index. The matches are
   * gathered before they are sorted: with ORDER BY ... LIMIT in the same query the planner would
   * walk the time index backwards instead and read every message of the range for a rare word.
   */
  public List<SearchHit> messages(SearchFilter filter, SearchCursor cursor) {
    SearchSql sql = messageFilters(filter).during("m.created_at", filter)
        .after(cursor, SearchKind.MESSAGE, "m.created_at", "m.conversation_id", "m.seq");
    return run("search messages", """
        WITH found AS MATERIALIZED (
          SELECT m.created_at, m.body, m.conversation_id, m.seq
          FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE %s)
        SELECT m.created_at AS at, m.body AS text, m.conversation_id AS id, m.seq AS number,
               0 AS ticket_number, NULL AS title
        FROM found m
        ORDER BY %s DESC LIMIT :limit""".formatted(sql.clause(), MESSAGE_ORDER), sql, filter,
        SearchKind.MESSAGE);
  }

  /** The words and the conversation's filters and team scope, on messages {@code m}. */
  private static SearchSql messageFilters(SearchFilter filter) {
    SearchSql sql = new SearchSql().matches("search_terms(m.body)", "lower(m.body)", filter);
    caseFilters(sql, filter, "c", "c.agent_id");
    if (filter.rating() != null) {
      sql.where("EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id"
          + " AND r.score = :rating)", "rating", filter.rating());
    }
    Visibility.conversations(sql, filter.viewer());
    return sql;
  }

  /** Ticket thread entries and subjects that hold every word. */
  public List<SearchHit> tickets(SearchFilter filter, SearchCursor cursor) {
    SearchSql entries = new SearchSql().matches("search_terms(e.body)", "lower(e.body)", filter)
        .during("e.created_at", filter);
    SearchSql subjects = new SearchSql()
        .matches("search_terms(t.subject)", "lower(t.subject)", filter)
        .during("t.created_at", filter);
    for (SearchSql sql : List.of(entries, subjects)) {
      caseFilters(sql, filter, "t", "t.assignee_id");
      if (filter.channel() != null) {
        sql.where("t.channel = :channel", "channel", filter.channel());
      }
      Visibility.tickets(sql, filter.viewer());
    }
    SearchSql outer = new SearchSql().where("true")
        .after(cursor, SearchKind.TICKET, "at", "ticket_id", "number");
    String text = """
        SELECT * FROM (
          SELECT e.created_at AS at, e.body AS text, t.id AS ticket_id, e.id AS number,
                 t.number AS ticket_number, t.subject AS title
          FROM ticket_entries e JOIN tickets t ON t.id = e.ticket_id
          WHERE %s
          UNION ALL
          SELECT t.created_at, t.subject, t.id, 0, t.number, t.subject
          FROM tickets t
          WHERE %s) hits
        WHERE %s
        ORDER BY %s DESC LIMIT :limit""".formatted(entries.clause(),
        subjects.clause().replace(":", ":s_"), outer.clause(),
        TICKET_KEY.replace(",", " DESC,"));
    return StoreFailures.call("search tickets", () -> jdbi.withHandle(handle -> {
      Query query = handle.createQuery(text);
      entries.bind(query);
      outer.bind(query);
      subjects.bindPrefixed(query, "s_");
      return map(query.bind("limit", filter.limit()), SearchKind.TICKET);
    }));
  }

  /** Contacts (not merged away) whose names, addresses or numbers hold every word. */
  public List<SearchHit> contacts(SearchFilter filter, SearchCursor cursor, boolean trigrams) {
    String textExpression =
        "contact_search_text(k.name, k.email, k.phone, k.other_emails, k.other_phones)";
    SearchSql sql = new SearchSql();
    small(sql, textExpression, filter, trigrams);
    sql.during("k.created_at", filter).where("k.merged_into IS NULL")
        .where("k.site_id <> '" + Site.PROBE_SITE_ID + "'")
        .after(cursor, SearchKind.CONTACT, "k.created_at", "k.id", "0");
    if (filter.siteId() != null) {
      sql.where("k.site_id = :site", "site", filter.siteId());
    }
    Visibility.contacts(sql, filter.viewer(), "k.id");
    return run("search contacts", """
        SELECT k.created_at AS at, %s AS text, k.id AS id, 0 AS number, 0 AS ticket_number,
               coalesce(k.name, k.email, k.phone) AS title
        FROM contacts k
        WHERE %s
        ORDER BY k.created_at DESC, k.id DESC LIMIT :limit"""
        .formatted(textExpression, sql.clause()), sql, filter, SearchKind.CONTACT);
  }

  /** Companies whose name or mail domain holds every word. */
  public List<SearchHit> companies(SearchFilter filter, SearchCursor cursor, boolean trigrams) {
    String textExpression = "lower(o.name || ' ' || coalesce(o.domain, ''))";
    SearchSql sql = new SearchSql();
    small(sql, textExpression, filter, trigrams);
    sql.during("o.created_at", filter)
        .after(cursor, SearchKind.COMPANY, "o.created_at", "o.id", "0");
    if (filter.siteId() != null) {
      sql.where("o.site_id = :site", "site", filter.siteId());
    }
    if (!filter.viewer().all()) {
      SearchSql visible = new SearchSql();
      Visibility.contacts(visible, filter.viewer(), "p.id");
      sql.where("EXISTS (SELECT 1 FROM contacts p WHERE p.company_id = o.id AND "
          + visible.clause() + ")");
      visible.copyInto(sql);
    }
    return run("search companies", """
        SELECT o.created_at AS at, o.name || coalesce(' (' || o.domain || ')', '') AS text,
               o.id AS id, 0 AS number, 0 AS ticket_number, o.name AS title
        FROM companies o
        WHERE %s
        ORDER BY o.created_at DESC, o.id DESC LIMIT :limit"""
        .formatted(sql.clause()), sql, filter, SearchKind.COMPANY);
  }

  /**
   * Short texts: trigrams when every word has three or more characters (parts of names and
   * numbers match), the terms otherwise (one or two Chinese characters, short whole words).
   */
  private static void small(SearchSql sql, String lowerText, SearchFilter filter,
      boolean trigrams) {
    if (trigrams) {
      sql.where(lowerText + " LIKE ALL (CAST(:patterns AS text[]))", "patterns",
          filter.words().stream().map(SearchDao::containsPattern).toArray(String[]::new));
      for (int i = 0; i < filter.words().size(); i++) {
        sql.where("strpos(" + lowerText + ", :word" + i + ") > 0", "word" + i,
            filter.words().get(i));
      }
    } else {
      sql.matches("search_terms(" + lowerText + ")", lowerText, filter);
    }
  }

  private static String containsPattern(String word) {
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** Site, team, agent, status and tag of a conversation ({@code c}) or ticket ({@code t}). */
  private static void caseFilters(SearchSql sql, SearchFilter filter, String alias,
      String holder) {
    sql.where(alias + ".site_id <> '" + Site.PROBE_SITE_ID + "'");
    if (filter.siteId() != null) {
      sql.where(alias + ".site_id = :site", "site", filter.siteId());
    }
    if (filter.teamId() != null) {
      sql.where(alias + ".queue_id IN (SELECT q.id FROM queues q WHERE q.team_id = :team)",
          "team", filter.teamId());
    }
    if (filter.agentId() != null) {
      sql.where(holder + " = :agent", "agent", filter.agentId());
    }
    if (filter.status() != null) {
      sql.where(alias + ".status = :status", "status", filter.status());
    }
    if (filter.tag() != null) {
      sql.where(alias + ".tags @> ARRAY[CAST(:tag AS text)]", "tag", filter.tag());
    }
  }

  private List<SearchHit> run(String what, String text, SearchSql sql, SearchFilter filter,
      SearchKind kind) {
    return StoreFailures.call(what, () -> jdbi.withHandle(handle -> map(
        sql.bind(handle.createQuery(text)).bind("limit", filter.limit()), kind)));
  }

  private static List<SearchHit> map(Query query, SearchKind kind) {
    return query.map((rs, ctx) -> hit(rs, kind)).list();
  }

  private static SearchHit hit(ResultSet rs, SearchKind kind) throws SQLException {
    Instant at = rs.getTimestamp("at").toInstant();
    return new SearchHit(kind, at, rs.getString("text"), rs.getObject(3, UUID.class),
        rs.getLong("number"), rs.getLong("ticket_number"), rs.getString("title"));
  }
}
