package io.switchboard.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.store.audit.AuditEntry;
import io.switchboard.server.store.audit.AuditRedactions;
import io.switchboard.server.testing.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one change the audit log allows, on a database of its own: an erasure entry pseudonymises
 * the earlier entries that name a person and the chain still verifies; the database refuses a
 * redaction that no later erasure entry names, and verify still finds a changed entry that was
 * not redacted.
 */
class AuditRedactionTest {
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private Database db;
  private AuditDao dao;

  @BeforeEach
  void database() {
    db = Database.open(new DatabaseSettings(StoreFixture.freshDatabaseUrl(), 2,
        Duration.ofSeconds(10), Duration.ofSeconds(30)));
    dao = new AuditDao(db.jdbi());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void anErasurePseudonymisesEarlierEntriesAndTheChainStillVerifies() {
    String contact = "7d8eb3df-bf2e-4151-b1b2-a4040e79f015";
    dao.append(entry("PATCH /v1/contacts/" + contact, contact,
        "{\"name\":\"Lena Wu\",\"email\":\"lena@example.com\",\"stage\":\"lead\"}"));
    dao.append(entry("POST /v1/tickets", null,
        "{\"subject\":\"Refund\",\"requester\":{\"email\":\"lena@example.com\"}}"));
    dao.append(entry("POST /v1/admin/users", "u-1", "{\"name\":\"Other Person\"}"));
    long erasure = db.jdbi().inTransaction(h -> {
      AuditEntry erase = AuditDao.appendIn(h, new AuditEntry(0, T0.plusSeconds(9), "admin-1",
          "admin", AuditDao.ERASE_ACTION, "contact", "erased-1", null, null, "{}"));
      assertThat(AuditRedactions.redact(h, new AuditRedactions.Needles(Set.of(contact),
          Set.of("lena@example.com", "Lena Wu"), "erased-1"), erase.id())).isEqualTo(2);
      return erase.id();
    });
    assertThat(dao.problems()).isEmpty();
    String all = db.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(concat_ws(' ',"
        + " action, target_id, after_json), ' | ' ORDER BY id) FROM audit_log")
        .mapTo(String.class).one());
    assertThat(all).doesNotContain(contact).doesNotContain("lena@").doesNotContain("Lena Wu")
        .contains("PATCH /v1/contacts/erased-1").contains("\"stage\":\"lead\"")
        .contains("Other Person");
    assertThat(erasure).isEqualTo(4);
  }

  @Test
  void aRedactionWithoutALaterErasureIsRefusedAndAChangedEntryIsFound() {
    dao.append(entry("POST /v1/contacts", null, "{\"name\":\"Lena Wu\"}"));
    dao.append(entry("login.failed", null, "{}"));
    assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
        "UPDATE audit_log SET after_json = '{}', redacted_by = 2 WHERE id = 1")))
        .hasMessageContaining("audit_log is append-only");
    db.jdbi().useTransaction(h -> {
      h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
      h.execute("UPDATE audit_log SET after_json = '{\"name\":\"Someone\"}' WHERE id = 1");
      h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change");
    });
    assertThat(dao.problems()).containsExactly(
        "entry 1: its content does not match its hash (changed)");
  }

  private static AuditEntry entry(String action, String target, String after) {
    return new AuditEntry(0, T0, "admin-1", "admin", action, "contacts", target, "10.0.0.1",
        null, after);
  }
}
