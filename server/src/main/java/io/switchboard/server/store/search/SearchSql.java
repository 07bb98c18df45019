package io.switchboard.server.store.search;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * Builds the WHERE clause of one kind's search query: the index terms, the exact recheck of
 * every word, the time window, the page's cursor, and whatever the caller adds. Values are
 * always bound, never spliced into the text.
 *
 * <p>Not thread-safe: one instance builds one query.
 */
final class SearchSql {
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Adds a condition with the values it binds. */
  SearchSql where(String condition, Object... namesAndValues) {
    conditions.add(condition);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      values.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return this;
  }

  /**
   * The text's terms hold the query's terms, and its lower-cased text holds every word (the
   * exact check that drops the index's false positives, such as bigrams from different places).
   */
  SearchSql matches(String termsExpression, String lowerText, SearchFilter filter) {
    where(termsExpression + " @> CAST(:terms AS text[])", "terms",
        filter.terms().toArray(String[]::new));
    return words(lowerText, filter);
  }

  /** The lower-cased text holds every word (for rows already found through their terms). */
  SearchSql words(String lowerText, SearchFilter filter) {
    for (int i = 0; i < filter.words().size(); i++) {
      where("strpos(" + lowerText + ", :word" + i + ") > 0", "word" + i, filter.words().get(i));
    }
    return this;
  }

  /** The time window: from inclusive, to exclusive. */
  SearchSql during(String at, SearchFilter filter) {
    if (filter.from() != null) {
      where(at + " >= :from", "from", filter.from());
    }
    if (filter.to() != null) {
      where(at + " < :to", "to", filter.to());
    }
    return this;
  }

  /**
   * Only hits after the cursor, in the order newest first, then kind rank, id and number, all
   * descending.
   */
  SearchSql after(SearchCursor cursor, SearchKind kind, String at, String id, String number) {
    if (cursor == null) {
      return this;
    }
    values.put("cursorAt", cursor.at());
    if (kind.rank() < cursor.rank()) {
      conditions.add(at + " <= :cursorAt");
    } else if (kind.rank() > cursor.rank()) {
      conditions.add(at + " < :cursorAt");
    } else {
      // A plain bound on the time, of the same kind as the range's end (<), lets a backward
      // index scan start at the cursor: next to `at < :to` the row comparison alone (or `<=`)
      // does not, and PostgreSQL reads the range from its end down (seconds on 20M messages).
      // Times are microseconds in PostgreSQL, so this is `at <= :cursorAt`.
      values.put("cursorAtNext", cursor.at().plus(1, ChronoUnit.MICROS));
      conditions.add(at + " < :cursorAtNext");
      conditions.add("(" + at + ", " + id + ", " + number + ") < (:cursorAt, :cursorId, "
          + ":cursorNumber)");
      values.put("cursorId", cursor.id());
      values.put("cursorNumber", cursor.number());
    }
    return this;
  }

  /** The conditions joined with AND. */
  String clause() {
    return String.join("\n  AND ", conditions);
  }

  /** Adds this builder's conditions' values to another (its conditions go in by hand). */
  void copyInto(SearchSql other) {
    other.values.putAll(values);
  }

  /** Binds the values under prefixed names, for a clause whose names were prefixed so. */
  void bindPrefixed(Query query, String prefix) {
    values.forEach((name, value) -> query.bind(prefix + name, value));
  }

  Query bind(Query query) {
    values.forEach(query::bind);
    return query;
  }
}
