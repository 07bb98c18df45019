package io.switchboard.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.search.SearchCursor;
import io.switchboard.server.store.search.SearchDao;
import io.switchboard.server.store.search.SearchHit;
import io.switchboard.server.store.search.SearchKind;
import io.switchboard.server.testing.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The search index is derived data, so it is proven against the truth: over randomized Chinese,
 * English and mixed messages, every query through the index (one page, and page by page through
 * the cursor) returns exactly what a from-scratch scan of every row with {@code strpos} returns,
 * in the same order, whichever time windows the search splits the range into, and whether the
 * newest-first scan fills the page or leaves the older messages to the terms index (searches
 * whose scan reads only a few dozen messages take the other ways: the terms index in time
 * windows, or every message holding the terms). Latin words match whole words
 * (the index holds words), Chinese matches any two or more characters inside a sentence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSearchTruthTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

  private final StoreFixture fixture = new StoreFixture();
  private final Jdbi jdbi = StoreFixture.database().jdbi();
  // "Now" falls inside the generated fortnight, so the search's time windows cut through the
  // messages (some are even newer than now).
  private final Clock clock = Clock.fixed(START.plus(Duration.ofDays(9)), ZoneOffset.UTC);
  private final SearchService search = new SearchService(new SearchDao(jdbi), clock);
  // A scan of 40 messages, then the index in time windows for any word in more than 5 messages.
  private final SearchService windows = new SearchService(new SearchDao(jdbi, 40, 5), clock);
  // A scan of 40 messages, then every message holding the terms.
  private final SearchService sparse =
      new SearchService(new SearchDao(jdbi, 40, 1_000_000), clock);
  private final Principal admin = new Principal(Role.ADMIN, UUID.randomUUID().toString(), null,
      "Admin", 0, null, null, null);
  private final Random random = new Random(42);
  private final RandomTexts texts = new RandomTexts(random);

  @BeforeAll
  void writeRandomMessages() {
    jdbi.useHandle(handle -> {
      PreparedBatch batch = handle.prepareBatch("""
          INSERT INTO messages (conversation_id, seq, client_msg_id, sender_role, sender_id,
                                body, created_at)
          VALUES (:conversation, :seq, :client, 'visitor', 'v', :body, :at)""");
      for (int c = 0; c < 150; c++) {
        Conversation conversation = fixture.newConversation();
        for (int seq = 1; seq <= 12; seq++) {
          batch.bind("conversation", conversation.id()).bind("seq", (long) seq)
              .bind("client", "m" + seq).bind("body", texts.body())
              // A few share an instant, so the order's tie-breaks are tested too.
              .bind("at", START.plus(Duration.ofMinutes(random.nextInt(20_000))))
              .add();
        }
      }
      batch.execute();
    });
  }

  @Test
  void indexQueriesReturnWhatAFullScanReturns() throws InterruptedException {
    int nonEmpty = new SearchTruth(random, texts, START).check(120,
        List.of(search, windows, sparse), this::page, MessageSearchTruthTest::keys, this::scan);
    assertThat(nonEmpty).as("queries that found something").isGreaterThan(60);
  }

  @Test
  void aTwoCharacterWordIsFoundInsideASentence() {
    Conversation conversation = fixture.newConversation();
    jdbi.useHandle(handle -> handle.execute("INSERT INTO messages (conversation_id, seq,"
        + " client_msg_id, sender_role, sender_id, body, created_at) VALUES (?, 1, 'x',"
        + " 'visitor', 'v', '我想申请退款可以吗', ?)", conversation.id(), START.minusSeconds(60)));
    List<SearchHit> hits = page("退款", null, START, 10, null).hits();
    assertThat(keys(hits)).containsExactly(conversation.id() + "/1");
    assertThat(page("款可", null, START, 10, null).hits()).hasSize(1);
    assertThat(page("退货", null, START, 10, null).hits()).isEmpty();
  }

  private SearchService.Page page(String q, Instant from, Instant to, int limit,
      SearchCursor cursor) {
    return page(search, q, from, to, limit, cursor);
  }

  private SearchService.Page page(SearchService service, String q, Instant from, Instant to,
      int limit, SearchCursor cursor) {
    return service.search(admin, new SearchRequest(q, "messages", from, to, fixture.siteId, null,
        null, null, null, null, null, limit, cursor));
  }

  /** Every message of the site holding every word, newest first, by scanning all of them. */
  private List<String> scan(String q, Instant from, Instant to) {
    List<String> words = List.of(q.toLowerCase(java.util.Locale.ROOT).split("\\s+"));
    List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
            SELECT m.conversation_id, m.seq, m.body FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            WHERE c.site_id = :site AND strpos(lower(m.body), :first) > 0
              AND (CAST(:from AS timestamptz) IS NULL OR m.created_at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR m.created_at < :to)
            ORDER BY m.created_at DESC, m.conversation_id DESC, m.seq DESC""")
        .bind("site", fixture.siteId).bind("first", words.get(0)).bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
        .list());
    return rows.stream().filter(row -> RandomTexts.matches(row.body(), q))
        .map(row -> row.conversation() + "/" + row.seq()).toList();
  }

  private static List<String> keys(List<SearchHit> hits) {
    hits.forEach(hit -> assertThat(hit.kind()).isEqualTo(SearchKind.MESSAGE));
    return hits.stream().map(hit -> hit.id() + "/" + hit.number()).toList();
  }

  private record Row(UUID conversation, long seq, String body) {}
}
