package io.switchboard.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.search.SearchCursor;
import io.switchboard.server.store.search.SearchHit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The rounds of a search truth test: random queries over random time ranges (open or closed at
 * either end), each searched by every given search service in one page and page by page through
 * the cursor, and compared with the truth, the keys a from-scratch scan of every row finds.
 *
 * <p>Not thread-safe (one random source).
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
      Function<List<SearchHit>, List<String>> keys, Truth truth) {
    int nonEmpty = 0;
    for (int round = 0; round < rounds; round++) {
      String q = texts.query();
      Instant from = random.nextInt(3) == 0 ? null
          : start.plus(Duration.ofMinutes(random.nextInt(15_000)));
      Instant to = random.nextInt(3) == 0 ? null
          : (from == null ? start : from).plus(Duration.ofMinutes(random.nextInt(15_000)));
      List<String> expected = truth.keys(q, from, to);
      nonEmpty += expected.isEmpty() ? 0 : 1;
      for (SearchService service : services) {
        assertThat(keys.apply(pages.page(service, q, from, to, 5000, null).hits()))
            .as("query %s from %s to %s", q, from, to).isEqualTo(expected);
        int limit = 1 + random.nextInt(9);
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
    return nonEmpty;
  }
}
