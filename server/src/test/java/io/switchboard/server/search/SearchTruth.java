package io.switchboard.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.search.SearchCursor;
import io.switchboard.server.store.search.SearchHit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The rounds of a search truth test: random queries over random time ranges (open or closed at
 * either end), each searched by every given search service in one page and page by page through
 * the cursor, and compared with the truth, the keys a from-scratch scan of every row finds. The
 * services search each round side by side, one thread each: the database does the work, and one
 * statement at a time left the second core idle.
 *
 * <p>Not thread-safe (one random source, drawn from by the caller's thread only).
 */
final class SearchTruth {
  /** The keys of the rows holding every word of the query in the range, newest first. */
  interface Truth {
    List<String> keys(String q, Instant from, Instant to);
  }

  /** One page of a search by one service. */
  interface Pages {
    SearchService.Page page(SearchService service, String q, Instant from, Instant to, int limit,
        SearchCursor cursor);
  }

  private final Random random;
  private final RandomTexts texts;
  private final Instant start;

  /** Ranges fall in the ten days or so after {@code start}. */
  SearchTruth(Random random, RandomTexts texts, Instant start) {
    this.random = random;
    this.texts = texts;
    this.start = start;
  }

  /** Runs the rounds; returns how many queries found something. */
  int check(int rounds, List<SearchService> services, Pages pages,
      Function<List<SearchHit>, List<String>> keys, Truth truth) throws InterruptedException {
    int nonEmpty = 0;
    try (ExecutorService threads = Executors.newFixedThreadPool(services.size())) {
      for (int round = 0; round < rounds; round++) {
        String q = texts.query();
        Instant from = random.nextInt(3) == 0 ? null
            : start.plus(Duration.ofMinutes(random.nextInt(15_000)));
        Instant to = random.nextInt(3) == 0 ? null
            : (from == null ? start : from).plus(Duration.ofMinutes(random.nextInt(15_000)));
        List<String> expected = truth.keys(q, from, to);
        nonEmpty += expected.isEmpty() ? 0 : 1;
        List<Future<?>> searches = new ArrayList<>();
        for (SearchService service : services) {
          int limit = 1 + random.nextInt(9);
          searches.add(threads.submit(() ->
              search(service, pages, keys, q, from, to, limit, expected)));
        }
        for (Future<?> search : searches) {
          try {
            search.get();
          } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError failed ? failed
                : new AssertionError("query " + q + " failed", e.getCause());
          }
        }
      }
    }
    return nonEmpty;
  }

  /** One service's answers to one query: in one page, and page by page of {@code limit}. */
  private static void search(SearchService service, Pages pages,
      Function<List<SearchHit>, List<String>> keys, String q, Instant from, Instant to,
      int limit, List<String> expected) {
    assertThat(keys.apply(pages.page(service, q, from, to, 5000, null).hits()))
        .as("query %s from %s to %s", q, from, to).isEqualTo(expected);
    List<String> all = new ArrayList<>();
    SearchCursor cursor = null;
    do {
      SearchService.Page page = pages.page(service, q, from, to, limit, cursor);
      assertThat(page.hits()).hasSizeLessThanOrEqualTo(limit);
      all.addAll(keys.apply(page.hits()));
      cursor = page.next();
    } while (cursor != null);
    assertThat(all).as("pages of %s from %s to %s", q, from, to).isEqualTo(expected);
  }
}
