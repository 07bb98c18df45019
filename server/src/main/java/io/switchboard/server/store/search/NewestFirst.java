package io.switchboard.server.store.search;

import java.util.List;

/**
 * One kind of long, growing history (chat messages, ticket threads) that a search reads newest
 * first in up to three ways, which the caller chains over one time range:
 * <ol>
 *   <li>{@link #scan}: a bounded number of the range's newest rows along a time index, checked
 *       one by one; a common word fills its page here without reading its whole list of matches.
 *   <li>{@link #sparse}: every row that holds the query's terms, found through the terms index
 *       with no time condition, when there are at most a bounded number of them in all; a rare
 *       word, or one found nowhere, costs its short lists and no more.
 *   <li>{@link #indexed}: the terms index with the time range, for a word that is neither: the
 *       caller asks for narrow time windows first, so the index reads few rows per window.
 * </ol>
 * Each way returns the hits after a cursor in the search's order, so chained at the scan's edge
 * they give exactly the hits of one query.
 *
 * <p>Implementations are thread-safe: every call runs on its own pooled connection.
 */
public interface NewestFirst {

  /**
   * What a scan found: its hits (at most the filter's limit) and the key of the oldest row it
   * covered when older rows may still hold hits (null when the range is done: the page is full
   * or the scan read every row of the range).
   */
  record Scan(List<SearchHit> hits, SearchCursor rest) {}

  /** Reads the newest rows of the filter's range after the cursor, at most the scan bound. */
  Scan scan(SearchFilter filter, SearchCursor cursor);

  /**
   * The hits after the cursor in the filter's range, at most its limit, when the query's terms
   * occur in few enough rows of the whole history to read them all; null when they occur in more
   * (the caller then uses {@link #indexed} in time windows).
   */
  List<SearchHit> sparse(SearchFilter filter, SearchCursor after);

  /** The hits after the cursor in the filter's range, at most its limit, by the terms index. */
  List<SearchHit> indexed(SearchFilter filter, SearchCursor after);
}
