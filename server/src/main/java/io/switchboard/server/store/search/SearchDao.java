package io.switchboard.server.store.search;

import io.switchboard.server.store.site.Site;
import io.switchboard.server.db.StoreFailures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The search queries, one per kind: the GIN index on {@code search_terms(...)} narrows the rows,
 * the exact text is checked again, and each kind returns at most {@code limit} hits newest first
 * (no totals: counting every match of a common word would read the whole index). Messages and
 * ticket threads, which grow without end, are read in the ways of {@link NewestFirst}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SearchDao {
  /** How many of the newest rows a scan reads before it leaves the rest to the indexes. */
  public static final int SCAN_ROWS = 20_000;
  /** Up to how many rows holding the terms a word counts as rare (read all, no time windows). */
  public static final int SPARSE_ROWS = 2_000;
  private final Jdbi jdbi;
  private final NewestFirst messages;
  private final NewestFirst tickets;

  public SearchDao(Jdbi jdbi) {
    this(jdbi, SCAN_ROWS, SPARSE_ROWS);
  }

  /**
   * With other bounds for the scan and for a rare word (tests use small ones so that every way
   * is taken).
   */
  public SearchDao(Jdbi jdbi, int scanRows, int sparseRows) {
    this.jdbi = jdbi;
    this.messages = new MessageSearch(jdbi, scanRows, sparseRows);
    this.tickets = new TicketSearch(jdbi, scanRows, sparseRows);
  }

  /** Chat messages that hold every word, with the conversation's filters and team scope. */
  public NewestFirst messages() {
    return messages;
  }

  /** Ticket thread entries and subjects that hold every word, with the ticket's filters. */
  public NewestFirst tickets() {
    return tickets;
  }

  /** The query's index terms, by the same function the index uses; empty when it has none. */
  public List<String> terms(String query) {
    return StoreFailures.call("search terms", () -> jdbi.withHandle(handle -> List.of(handle
        .createQuery("SELECT search_terms(:q)").bind("q", query).mapTo(String[].class).one())));
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
      // One LIKE per word: the trigram index serves `LIKE :pattern`, never `LIKE ALL (array)`,
      // which made PostgreSQL compute the text of every contact (seconds on 500,000).
      for (int i = 0; i < filter.words().size(); i++) {
        sql.where(lowerText + " LIKE :pattern" + i, "pattern" + i,
            containsPattern(filter.words().get(i)));
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
  static void caseFilters(SearchSql sql, SearchFilter filter, String alias,
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

  static SearchHit hit(ResultSet rs, SearchKind kind) throws SQLException {
    Instant at = rs.getTimestamp("at").toInstant();
    return new SearchHit(kind, at, rs.getString("text"), rs.getObject(3, UUID.class),
        rs.getLong("number"), rs.getLong("ticket_number"), rs.getString("title"));
  }
}
