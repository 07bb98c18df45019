package io.switchboard.server.store.search;

import io.switchboard.server.db.StoreFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Chat messages newest first, in the three ways of {@link NewestFirst}: the scan along the time
 * index {@code (created_at, conversation_id, seq)}, the terms index alone for a rare word, and
 * the terms index with the time range.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
final class MessageSearch implements NewestFirst {
  private static final String ORDER = "m.created_at DESC, m.conversation_id DESC, m.seq";
  private static final String HIT = "m.created_at AS at, m.body AS text, m.conversation_id AS id,"
      + " m.seq AS number, 0 AS ticket_number, NULL AS title";
  private final Jdbi jdbi;
  private final int scanRows;
  private final int sparseRows;

  MessageSearch(Jdbi jdbi, int scanRows, int sparseRows) {
    this.jdbi = jdbi;
    this.scanRows = scanRows;
    this.sparseRows = sparseRows;
  }

  /**
   * At most the scan bound of the range's newest messages after the cursor, by the time index,
   * checked for the words and filters as they are read: the statement stops at the page's last
   * hit, so a common word reads a few hundred rows, not the whole bound. Only when the page is
   * not full does a second statement find the oldest message the scan covered (the bound's last
   * row, by the time index alone).
   */
  @Override
  public Scan scan(SearchFilter filter, SearchCursor cursor) {
    SearchSql range = new SearchSql().where("true").during("m.created_at", filter)
        .after(cursor, SearchKind.MESSAGE, "m.created_at", "m.conversation_id", "m.seq");
    SearchSql sql = filters(new SearchSql()
        .matches("search_terms(m.body)", "lower(m.body)", filter), filter);
    String text = """
        SELECT %s
        FROM (SELECT m.created_at, m.conversation_id, m.seq, m.body FROM messages m
              WHERE %s
              ORDER BY %s DESC LIMIT :scanRows) m
        JOIN conversations c ON c.id = m.conversation_id
        WHERE %s
        ORDER BY %s DESC LIMIT :limit""".formatted(HIT, range.clause(), ORDER, sql.clause(),
        ORDER);
    List<SearchHit> hits = StoreFailures.call("scan messages", () -> jdbi.withHandle(handle ->
        sql.bind(range.bind(handle.createQuery(text))).bind("scanRows", scanRows)
            .bind("limit", filter.limit())
            .map((rs, ctx) -> SearchDao.hit(rs, SearchKind.MESSAGE)).list()));
    if (hits.size() >= filter.limit()) {
      return new Scan(hits, null);
    }
    String edge = """
        SELECT m.created_at, m.conversation_id, m.seq FROM messages m
        WHERE %s
        ORDER BY %s DESC OFFSET :last LIMIT 1""".formatted(range.clause(), ORDER);
    SearchCursor rest = StoreFailures.call("scan messages", () -> jdbi.withHandle(handle ->
        range.bind(handle.createQuery(edge)).bind("last", scanRows - 1)
            .map((rs, ctx) -> new SearchCursor(rs.getTimestamp(1).toInstant(),
                SearchKind.MESSAGE.rank(), rs.getObject(2, UUID.class), rs.getLong(3)))
            .findOne().orElse(null)));
    return new Scan(hits, rest);
  }

  /**
   * The messages holding the query's terms, by the terms index without the time range (which
   * would make the index gather every entry of the range first: seconds over a year), at most
   * the sparse bound of them; the time range and the rest are checked on those rows.
   */
  @Override
  public List<SearchHit> sparse(SearchFilter filter, SearchCursor after) {
    SearchSql sql = filters(new SearchSql().words("lower(m.body)", filter), filter)
        .during("m.created_at", filter)
        .after(after, SearchKind.MESSAGE, "m.created_at", "m.conversation_id", "m.seq");
    String text = """
        WITH matched AS MATERIALIZED (
          SELECT m.created_at, m.conversation_id, m.seq, m.body FROM messages m
          WHERE search_terms(m.body) @> CAST(:terms AS text[])
          LIMIT :sparseRows)
        (SELECT %s, false AS edge
         FROM matched m JOIN conversations c ON c.id = m.conversation_id
         WHERE %s
         ORDER BY %s DESC LIMIT :limit)
        UNION ALL
        SELECT NULL, NULL, NULL, count(*), 0, NULL, true FROM matched"""
        .formatted(HIT, sql.clause(), ORDER);
    return StoreFailures.call("search rare messages", () -> jdbi.withHandle(handle -> {
      Query query = sql.bind(handle.createQuery(text))
          .bind("terms", filter.terms().toArray(String[]::new));
      List<SearchHit> hits = new ArrayList<>();
      long[] matched = new long[1];
      query.bind("sparseRows", sparseRows).bind("limit", filter.limit()).map((rs, ctx) -> {
        if (rs.getBoolean("edge")) {
          matched[0] = rs.getLong("number");
          return true;
        }
        return hits.add(SearchDao.hit(rs, SearchKind.MESSAGE));
      }).list();
      return matched[0] < sparseRows ? hits : null;
    }));
  }

  /**
   * Through the terms index with the time range. The matches are gathered before they are
   * sorted: with ORDER BY ... LIMIT in the same query the planner would walk the time index
   * backwards instead and read every message of the range for a rare word.
   */
  @Override
  public List<SearchHit> indexed(SearchFilter filter, SearchCursor after) {
    SearchSql sql = filters(new SearchSql()
        .matches("search_terms(m.body)", "lower(m.body)", filter), filter)
        .during("m.created_at", filter)
        .after(after, SearchKind.MESSAGE, "m.created_at", "m.conversation_id", "m.seq");
    String text = """
        WITH found AS MATERIALIZED (
          SELECT m.created_at, m.body, m.conversation_id, m.seq
          FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE %s)
        SELECT %s
        FROM found m
        ORDER BY %s DESC LIMIT :limit""".formatted(sql.clause(), HIT, ORDER);
    return StoreFailures.call("search messages", () -> jdbi.withHandle(handle -> sql
        .bind(handle.createQuery(text)).bind("limit", filter.limit())
        .map((rs, ctx) -> SearchDao.hit(rs, SearchKind.MESSAGE)).list()));
  }

  /** The conversation's filters and team scope, on messages {@code m}. */
  private static SearchSql filters(SearchSql sql, SearchFilter filter) {
    SearchDao.caseFilters(sql, filter, "c", "c.agent_id");
    if (filter.rating() != null) {
      sql.where("EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id"
          + " AND r.score = :rating)", "rating", filter.rating());
    }
    Visibility.conversations(sql, filter.viewer());
    return sql;
  }
}
