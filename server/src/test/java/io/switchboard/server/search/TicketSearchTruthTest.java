package io.switchboard.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
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
 * Ticket search proven against the truth, as messages are: over randomized Chinese, English and
 * mixed subjects and thread entries, every query (one page, and page by page through the cursor)
 * returns exactly the entries and subjects a from-scratch scan of every row finds, newest first.
 * Three searches take the three ways: the default one's scan reads every row here; the others
 * scan only 40 entries and 40 tickets, and then read either every row holding the terms or the
 * terms index in time windows (any word in more than five rows), so the hand-over from the
 * scan's two streams is crossed on most pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketSearchTruthTest {
  private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

  private final StoreFixture fixture = new StoreFixture();
  private final Jdbi jdbi = StoreFixture.database().jdbi();
  private final Clock clock = Clock.fixed(START.plus(Duration.ofDays(9)), ZoneOffset.UTC);
  private final List<SearchService> services = List.of(
      new SearchService(new SearchDao(jdbi), clock),
      new SearchService(new SearchDao(jdbi, 40, 5), clock),
      new SearchService(new SearchDao(jdbi, 40, 1_000_000), clock));
  private final Principal admin = new Principal(Role.ADMIN, UUID.randomUUID().toString(), null,
      "Admin", 0, null, null, null);
  private final Random random = new Random(7);
  private final RandomTexts texts = new RandomTexts(random);

  @BeforeAll
  void writeRandomTickets() {
    jdbi.useHandle(handle -> {
      PreparedBatch tickets = handle.prepareBatch("""
          INSERT INTO tickets (id, site_id, contact_id, queue_id, number, subject, status,
                               updated_at, created_at)
          VALUES (:id, :site, :contact, :queue, :number, :subject, 'open', :at, :at)""");
      PreparedBatch entries = handle.prepareBatch("""
          INSERT INTO ticket_entries (ticket_id, kind, body, created_at)
          VALUES (:ticket, 'customer', :body, :at)""");
      UUID contact = fixture.newContact();
      for (int number = 1; number <= 80; number++) {
        UUID ticket = UUID.randomUUID();
        tickets.bind("id", ticket).bind("site", fixture.siteId).bind("contact", contact)
            .bind("queue", fixture.queueId).bind("number", (long) number)
            .bind("subject", texts.body()).bind("at", at()).add();
        for (int entry = random.nextInt(12); entry > 0; entry--) {
          entries.bind("ticket", ticket).bind("body", texts.body()).bind("at", at()).add();
        }
      }
      tickets.execute();
      entries.execute();
    });
  }

  @Test
  void indexQueriesReturnWhatAFullScanReturns() throws InterruptedException {
    int nonEmpty = new SearchTruth(random, texts, START).check(100, services, this::page,
        TicketSearchTruthTest::keys, this::scan);
    assertThat(nonEmpty).as("queries that found something").isGreaterThan(50);
  }

  /** A time in the fortnight; a few share an instant, so the order's tie-breaks are tested. */
  private Instant at() {
    return START.plus(Duration.ofMinutes(random.nextInt(20_000)));
  }

  private SearchService.Page page(SearchService service, String q, Instant from, Instant to,
      int limit, SearchCursor cursor) {
    return service.search(admin, new SearchRequest(q, "tickets", from, to, fixture.siteId, null,
        null, null, null, null, null, limit, cursor));
  }

  /** Every entry and subject of the site holding every word, newest first, from all rows. */
  private List<String> scan(String q, Instant from, Instant to) {
    List<String[]> rows = jdbi.withHandle(handle -> handle.createQuery("""
            SELECT ticket_id, number, text FROM (
              SELECT e.created_at AS at, e.ticket_id, e.id AS number, e.body AS text
              FROM ticket_entries e JOIN tickets t ON t.id = e.ticket_id
              WHERE t.site_id = :site
              UNION ALL
              SELECT created_at, id, 0, subject FROM tickets WHERE site_id = :site) rows
            WHERE (CAST(:from AS timestamptz) IS NULL OR at >= :from)
              AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
            ORDER BY at DESC, ticket_id DESC, number DESC""")
        .bind("site", fixture.siteId).bind("from", from).bind("to", to)
        .map((rs, ctx) -> new String[] {rs.getString(1) + "/" + rs.getLong(2), rs.getString(3)})
        .list());
    return rows.stream().filter(row -> RandomTexts.matches(row[1], q)).map(row -> row[0])
        .toList();
  }

  private static List<String> keys(List<SearchHit> hits) {
    hits.forEach(hit -> assertThat(hit.kind()).isEqualTo(SearchKind.TICKET));
    return hits.stream().map(hit -> hit.id() + "/" + hit.number()).toList();
  }
}
