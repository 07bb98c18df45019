package io.switchboard.server.store.search;

import io.switchboard.server.db.StoreFailures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Ticket thread entries and subjects newest first, in the three ways of {@link NewestFirst}. An
 * entry's key is (its time, ticket, entry id), a subject's (the ticket's creation, ticket, 0).
 * The scan reads two streams at once, entries along {@code (created_at, ticket_id, id)} and
 * tickets along {@code (created_at, id)}, each at most the scan bound; it has covered every row
 * down to the newer of the two streams' oldest rows, and leaves what is older to the next way.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
final class TicketSearch implements NewestFirst {
  private static final String ENTRY_ORDER = "e.at DESC, e.ticket_id DESC, e.number DESC";
  private final Jdbi jdbi;
  private final int scanRows;
  private final int sparseRows;

  TicketSearch(Jdbi jdbi, int scanRows, int sparseRows) {
    this.jdbi = jdbi;
    this.scanRows = scanRows;
    this.sparseRows = sparseRows;
  }

  /**
   * Both streams, each at most the scan bound, merged newest first and checked as they are read,
   * so the statement stops at the page's last hit. A second statement then finds each stream's
   * bound row (its oldest row read), by the time indexes alone: only the rows newer than the
   * page's last hit when the page is full (a stream that ends before that hit leaves every hit
   * covered), the whole bound otherwise.
   */
  @Override
  public Scan scan(SearchFilter filter, SearchCursor cursor) {
    SearchSql entries = new SearchSql().where("true").during("e.created_at", filter)
        .after(cursor, SearchKind.TICKET, "e.created_at", "e.ticket_id", "e.id");
    SearchSql subjects = new SearchSql().where("true").during("t.created_at", filter)
        .after(cursor, SearchKind.TICKET, "t.created_at", "t.id", "0");
    SearchSql sql = filters(new SearchSql()
        .matches("search_terms(e.text)", "lower(e.text)", filter), filter);
    String text = """
        WITH scanned AS (
          (SELECT e.created_at AS at, e.ticket_id, e.id AS number, e.body AS text
           FROM ticket_entries e WHERE %s
           ORDER BY e.created_at DESC, e.ticket_id DESC, e.id DESC LIMIT :scanRows)
          UNION ALL
          (SELECT t.created_at, t.id, CAST(0 AS bigint), t.subject
           FROM tickets t WHERE %s
           ORDER BY t.created_at DESC, t.id DESC LIMIT :scanRows))
        %s""".formatted(entries.clause(), subjects.clause(), hits("scanned", sql));
    List<SearchHit> hits = StoreFailures.call("scan tickets", () -> jdbi.withHandle(handle ->
        sql.bind(subjects.bind(entries.bind(handle.createQuery(text))))
            .bind("scanRows", scanRows).bind("limit", filter.limit())
            .map((rs, ctx) -> SearchDao.hit(rs, SearchKind.TICKET)).list()));
    boolean full = hits.size() >= filter.limit();
    if (full) {
      SearchCursor last = hits.get(hits.size() - 1).cursor();
      // The plain bound on the time ends the backward index scan there (see SearchSql.after).
      entries.where("e.created_at >= :lastAt").where(
          "(e.created_at, e.ticket_id, e.id) >= (:lastAt, :lastId, :lastNumber)",
          "lastAt", last.at(), "lastId", last.id(), "lastNumber", last.number());
      subjects.where("t.created_at >= :lastAt")
          .where("(t.created_at, t.id, CAST(0 AS bigint)) >= (:lastAt, :lastId, :lastNumber)");
    }
    String edges = """
        (SELECT e.created_at, e.ticket_id, e.id FROM ticket_entries e WHERE %s
         ORDER BY e.created_at DESC, e.ticket_id DESC, e.id DESC OFFSET :last LIMIT 1)
        UNION ALL
        (SELECT t.created_at, t.id, CAST(0 AS bigint) FROM tickets t WHERE %s
         ORDER BY t.created_at DESC, t.id DESC OFFSET :last LIMIT 1)"""
        .formatted(entries.clause(), subjects.clause());
    // Both streams hold every row down to the newer edge; older hits wait for the next way.
    SearchCursor rest = StoreFailures.call("scan tickets", () -> jdbi.withHandle(handle ->
        subjects.bind(entries.bind(handle.createQuery(edges))).bind("last", scanRows - 1)
            .map((rs, ctx) -> new SearchCursor(rs.getTimestamp(1).toInstant(),
                SearchKind.TICKET.rank(), rs.getObject(2, UUID.class), rs.getLong(3)))
            .list())).stream().max(Comparator.naturalOrder()).orElse(null);
    List<SearchHit> covered = hits.stream()
        .filter(hit -> rest == null || hit.cursor().compareTo(rest) >= 0).toList();
    boolean done = covered.size() >= filter.limit() || rest == null;
    return new Scan(covered, done ? null : rest);
  }

  /**
   * The entries and subjects holding the query's terms, by the terms indexes without the time
   * range, when each holds them at most the sparse bound of times; the rest is checked on them.
   */
  @Override
  public List<SearchHit> sparse(SearchFilter filter, SearchCursor after) {
    SearchSql sql = filters(new SearchSql().words("lower(e.text)", filter), filter)
        .during("e.at", filter)
        .after(after, SearchKind.TICKET, "e.at", "e.ticket_id", "e.number");
    String text = """
        WITH entries AS MATERIALIZED (
          SELECT e.created_at AS at, e.ticket_id, e.id AS number, e.body AS text
          FROM ticket_entries e WHERE search_terms(e.body) @> CAST(:terms AS text[])
          LIMIT :sparseRows),
        subjects AS MATERIALIZED (
          SELECT t.created_at AS at, t.id AS ticket_id, CAST(0 AS bigint) AS number,
                 t.subject AS text
          FROM tickets t WHERE search_terms(t.subject) @> CAST(:terms AS text[])
          LIMIT :sparseRows),
        matched AS (SELECT * FROM entries UNION ALL SELECT * FROM subjects)
        %s
        UNION ALL
        SELECT NULL, NULL, NULL, (SELECT count(*) FROM entries), (SELECT count(*) FROM subjects),
               NULL, 1""".formatted(hits("matched", sql));
    return StoreFailures.call("search rare tickets", () -> jdbi.withHandle(handle -> {
      Query query = sql.bind(handle.createQuery(text))
          .bind("terms", filter.terms().toArray(String[]::new));
      List<SearchHit> hits = new ArrayList<>();
      boolean[] few = new boolean[1];
      query.bind("sparseRows", sparseRows).bind("limit", filter.limit()).map((rs, ctx) -> {
        if (rs.getInt("edge") == 0) {
          return hits.add(SearchDao.hit(rs, SearchKind.TICKET));
        }
        few[0] = rs.getLong("number") < sparseRows && rs.getLong("ticket_number") < sparseRows;
        return true;
      }).list();
      return few[0] ? hits : null;
    }));
  }

  @Override
  public List<SearchHit> indexed(SearchFilter filter, SearchCursor after) {
    SearchSql entries = new SearchSql().matches("search_terms(e.body)", "lower(e.body)", filter)
        .during("e.created_at", filter)
        .after(after, SearchKind.TICKET, "e.created_at", "e.ticket_id", "e.id");
    SearchSql subjects = new SearchSql()
        .matches("search_terms(t.subject)", "lower(t.subject)", filter)
        .during("t.created_at", filter)
        .after(after, SearchKind.TICKET, "t.created_at", "t.id", "0");
    SearchSql sql = filters(new SearchSql().where("true"), filter);
    String text = """
        WITH found AS MATERIALIZED (
          SELECT e.created_at AS at, e.ticket_id, e.id AS number, e.body AS text
          FROM ticket_entries e WHERE %s
          UNION ALL
          SELECT t.created_at, t.id, 0, t.subject FROM tickets t WHERE %s)
        %s""".formatted(entries.clause(), subjects.clause(),
        hits("found", sql));
    return StoreFailures.call("search tickets", () -> jdbi.withHandle(handle -> sql
        .bind(subjects.bind(entries.bind(handle.createQuery(text))))
        .bind("limit", filter.limit())
        .map((rs, ctx) -> SearchDao.hit(rs, SearchKind.TICKET)).list()));
  }

  /** The ticket's filters and team scope, on tickets {@code t}. */
  private static SearchSql filters(SearchSql sql, SearchFilter filter) {
    SearchDao.caseFilters(sql, filter, "t", "t.assignee_id");
    if (filter.channel() != null) {
      sql.where("t.channel = :channel", "channel", filter.channel());
    }
    Visibility.tickets(sql, filter.viewer());
    return sql;
  }

  /**
   * The page's hits among the rows of {@code rows} (entries and subjects as {@code e}): the
   * given conditions, the ticket's filters and team scope, newest first.
   */
  private static String hits(String rows, SearchSql sql) {
    return """
        (SELECT e.at, e.text, e.ticket_id AS id, e.number, t.number AS ticket_number,
                t.subject AS title, 0 AS edge
         FROM %s e JOIN tickets t ON t.id = e.ticket_id
         WHERE %s
         ORDER BY %s LIMIT :limit)""".formatted(rows, sql.clause(), ENTRY_ORDER);
  }
}
