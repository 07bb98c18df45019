package io.switchboard.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.exchange.ExchangeJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 100,000 contacts in one CSV file: every row created, with its history event, and the time it
 * took printed (not asserted: the machine's load decides it; README records the figure).
 */
class ContactImportVolumeTest {
  private static final int ROWS = 100_000;
  private ExchangeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new ExchangeHarness();
    h.field("plan", "choice", "Basic", "Pro");
    h.field("seats", "number");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  @Test
  void aHundredThousandRowsAreImported() throws Exception {
    StringBuilder csv = new StringBuilder(ROWS * 90);
    csv.append("external_id,name,email,company,stage,tags,plan,seats\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("v-").append(i).append(",Customer ").append(i).append(",customer")
          .append(i).append("@example.com,Company ").append(i % 500).append(',')
          .append(i % 3 == 0 ? "lead" : "customer").append(",bulk;t").append(i % 7)
          .append(',').append(i % 2 == 0 ? "Basic" : "Pro").append(',').append(i % 90)
          .append('\n');
    }
    long started = System.nanoTime();
    ExchangeJob job = h.importContacts(csv.toString(), "csv", null, false);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("contact import: %d rows in %d ms (%.0f rows/s)%n", ROWS, millis,
        ROWS * 1000.0 / millis);

    assertThat(job.state()).isEqualTo("done");
    assertThat(ExchangeHarness.tree(job.counts()).get("created").asInt()).isEqualTo(ROWS);
    assertThat(h.count("SELECT count(*) FROM contacts WHERE site_id = :site")).isEqualTo(ROWS);
    assertThat(h.count("SELECT count(*) FROM companies WHERE site_id = :site")).isEqualTo(500);
    assertThat(h.count("SELECT count(*) FROM contact_events e JOIN contacts c"
        + " ON c.id = e.contact_id WHERE c.site_id = :site")).isEqualTo(ROWS);

    started = System.nanoTime();
    ExchangeJob again = h.importContacts(csv.toString(), "csv", null, false);
    System.out.printf("contact import again: %d rows unchanged in %d ms%n", ROWS,
        (System.nanoTime() - started) / 1_000_000);
    assertThat(ExchangeHarness.tree(again.counts()).get("unchanged").asInt()).isEqualTo(ROWS);
  }
}
