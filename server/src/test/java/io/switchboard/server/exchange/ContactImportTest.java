package io.switchboard.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.store.exchange.ExchangeJob;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contact imports against the real PostgreSQL: mapping, every refusal reason, a dry run that
 * writes nothing, a second import that changes nothing, JSON read like CSV, companies created
 * once, typed attributes, the contacts' history, the refused rows file and the audit entry.
 */
class ContactImportTest {
  private ExchangeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new ExchangeHarness();
    h.field("plan", "choice", "Basic", "Pro");
    h.field("seats", "number");
    h.field("renewal", "date");
    h.field("vip", "boolean");
    h.field("note", "text");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private String csv() {
    return "\uFEFFID,Full name,E-mail,Company,Owner,Stage,Tags,Plan,Seats,Renewal,VIP,Phones\r\n"
        + "c-1,Ann Lee,ann@example.com,Acme,,lead,vip;east,pro,12.5,2026-03-01,yes,+1 555 0101\r\n"
        + "c-2,\"Bo, Jr.\",bo@example.com,acme,,customer,,Basic,3,,no,\r\n"
        + ",张伟,zhang@example.cn,北京公司,,,,,,,,\r\n"
        + "c-4,Bad Mail,not-an-email,,,,,,,,,\r\n"
        + "c-5,Bad Stage,e5@example.com,,,prospect,,,,,,\r\n"
        + "c-6,Bad Number,e6@example.com,,,,,,twelve,,,\r\n"
        + "c-7,Bad Date,e7@example.com,,,,,,,01/03/2026,,\r\n"
        + "c-8,Bad Choice,e8@example.com,,,,,Gold,,,,\r\n"
        + "c-9,Bad Owner,e9@example.com,,nobody@example.com,,,,,,,\r\n"
        + "c-1,Twice,twice@example.com,,,,,,,,,\r\n"
        + ",No Key,,,,,,,,,,\r\n"
        + "c-12,Bad Bool,e12@example.com,,,,,,,,maybe,\r\n";
  }

  private static final String MAPPING = """
      {"ID": "external_id", "Full name": "name", "E-mail": "email", "Company": "company",
       "Owner": "owner", "Stage": "stage", "Tags": "tags", "Plan": "attribute:plan",
       "Seats": "attribute:seats", "Renewal": "attribute:renewal", "VIP": "attribute:vip",
       "Phones": "phone"}""";

  @Test
  void aDryRunReportsEveryRowAndWritesNothing() throws Exception {
    ExchangeJob job = h.importContacts(csv(), "csv", MAPPING, true);

    assertThat(job.state()).isEqualTo("done");
    assertThat(ExchangeHarness.outcomes(job)).containsExactly("1:created", "2:created",
        "3:created", "4:refused:invalid_email", "5:refused:unknown_stage",
        "6:refused:bad_number", "7:refused:bad_date", "8:refused:bad_choice",
        "9:refused:unknown_owner", "10:refused:duplicate_key", "11:refused:missing_key",
        "12:refused:bad_boolean");
    assertThat(ExchangeHarness.tree(job.counts()).get("refused").asInt()).isEqualTo(9);
    assertThat(h.count("SELECT count(*) FROM contacts WHERE site_id = :site")).isZero();
    assertThat(h.count("SELECT count(*) FROM companies WHERE site_id = :site")).isZero();
  }

  @Test
  void anImportWritesTypedContactsOnceAndTheSecondChangesNothing() throws Exception {
    ExchangeJob first = h.importContacts(csv(), "csv", MAPPING, false);
    assertThat(ExchangeHarness.tree(first.counts()).get("created").asInt()).isEqualTo(3);
    assertThat(first.rowsDone()).isEqualTo(12);
    assertThat(h.count("SELECT count(*) FROM contacts WHERE site_id = :site"
        + " AND source = 'import'")).isEqualTo(3);
    // "Acme" and "acme" are one company; 北京公司 is another.
    assertThat(h.count("SELECT count(*) FROM companies WHERE site_id = :site")).isEqualTo(2);
    JsonNode ann = ExchangeHarness.tree(h.jdbi.withHandle(x -> x.createQuery(
        "SELECT attributes::text FROM contacts WHERE site_id = :site AND external_id = 'c-1'")
        .bind("site", h.fixtures.siteId).mapTo(String.class).one()));
    assertThat(ann.get("plan").asText()).isEqualTo("Pro");
    assertThat(ann.get("seats").decimalValue()).isEqualByComparingTo("12.5");
    assertThat(ann.get("renewal").asText()).isEqualTo("2026-03-01");
    assertThat(ann.get("vip").asBoolean()).isTrue();
    assertThat(h.count("SELECT count(*) FROM contact_events e JOIN contacts c"
        + " ON c.id = e.contact_id WHERE c.site_id = :site AND e.kind = 'imported'"))
        .isEqualTo(3);
    String refused = Files.readString(h.folder.resolve(first.refusedFile()),
        StandardCharsets.UTF_8);
    assertThat(refused).startsWith("\uFEFFID,Full name,E-mail").contains(",reason\r\n")
        .contains("not-an-email").contains("unknown_stage: prospect");
    assertThat(refused.lines().count()).isEqualTo(10);

    ExchangeJob second = h.importContacts(csv(), "csv", MAPPING, false);
    assertThat(ExchangeHarness.outcomes(second)).startsWith("1:unchanged", "2:unchanged",
        "3:unchanged");
    assertThat(h.count("SELECT count(*) FROM contact_events e JOIN contacts c"
        + " ON c.id = e.contact_id WHERE c.site_id = :site")).isEqualTo(3);
    h.awaitAudit(first.id(), "import.contacts");
    h.awaitAudit(second.id(), "import.contacts");
  }

  @Test
  void aChangedRowUpdatesAndMergesListsAndAnOwnerIsFoundByEmail() throws Exception {
    h.importContacts(csv(), "csv", MAPPING, false);
    String owner = h.adminAccount.email().toUpperCase(java.util.Locale.ROOT);
    String changed = "ID,E-mail,Tags,Owner,Seats\nc-1,ANN@example.com,west,"
        + owner + ",13\n";
    ExchangeJob job = h.importContacts(changed, "csv", """
        {"ID": "external_id", "E-mail": "email", "Tags": "tags", "Owner": "owner",
         "Seats": "attribute:seats"}""", false);
    assertThat(ExchangeHarness.outcomes(job)).containsExactly("1:updated");
    var row = h.jdbi.withHandle(x -> x.createQuery("""
            SELECT email, array_to_string(tags, ','), owner_id::text, attributes->>'plan',
                   attributes->>'seats'
            FROM contacts WHERE site_id = :site AND external_id = 'c-1'""")
        .bind("site", h.fixtures.siteId)
        .map((rs, ctx) -> java.util.List.of(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5))).one());
    assertThat(row).containsExactly("ann@example.com", "vip,east,west",
        h.adminAccount.id().toString(), "Pro", "13");
  }

  @Test
  void jsonIsReadLikeCsvAndColumnsNamedLikeFieldsNeedNoMapping() throws Exception {
    String json = """
        [{"external_id": "j-1", "name": "Ann", "email": "ann@example.com",
          "tags": ["a", "b"], "plan": "basic", "other_emails": ["ann@work.example"]},
         {"external_id": "j-2", "name": "Bad", "email": "bad@", "tags": []}]""";
    ExchangeJob dry = h.importContacts(json, "json", null, true);
    assertThat(ExchangeHarness.outcomes(dry)).containsExactly("1:created",
        "2:refused:invalid_email");
    String csv = "external_id,name,email,tags,plan,other_emails\n"
        + "j-1,Ann,ann@example.com,a;b,basic,ann@work.example\nj-2,Bad,bad@,,,\n";
    h.importContacts(csv, "csv", null, false);
    ExchangeJob again = h.importContacts(json, "json", null, false);
    assertThat(ExchangeHarness.outcomes(again)).containsExactly("1:unchanged",
        "2:refused:invalid_email");
  }

  @Test
  void aMappingToAnUnknownFieldOrColumnIsRefusedBeforeTheJobStarts() throws Exception {
    ImportTable table = ImportTable.read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "csv");
    assertThatThrownBy(() -> h.jobs.importContacts(h.caller, h.fixtures.siteId, table,
        ExchangeHarness.tree("{\"a\": \"attribute:nope\"}"), false))
        .isInstanceOf(SwitchboardException.class).hasMessageContaining("unknown field");
    assertThatThrownBy(() -> h.jobs.importContacts(h.caller, h.fixtures.siteId, table,
        ExchangeHarness.tree("{\"c\": \"email\"}"), false))
        .hasMessageContaining("no such column");
    assertThatThrownBy(() -> h.jobs.importContacts(h.caller, h.fixtures.siteId, table,
        ExchangeHarness.tree("{\"a\": \"name\"}"), false))
        .hasMessageContaining("email or external_id");
    assertThatThrownBy(() -> ImportTable.read(new byte[] {(byte) 0xC3, 0x28}, "csv"))
        .hasMessageContaining("UTF-8");
  }
}
