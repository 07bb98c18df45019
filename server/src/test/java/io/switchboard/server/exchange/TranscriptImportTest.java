package io.switchboard.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.exchange.ExchangeJob;
import io.switchboard.server.store.exchange.ExportFilter;
import io.switchboard.server.store.exchange.TranscriptRows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transcript imports and the exports against the real PostgreSQL: messages stored in time order
 * with seq 1..n, once per source id, from JSON and CSV alike; refused transcripts with reasons;
 * CSV exports with a byte order mark and Chinese text intact; the printable transcript.
 */
class TranscriptImportTest {
  private ExchangeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new ExchangeHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private ExchangeJob importTranscripts(String content, String format) {
    return h.finished(h.jobs.importTranscripts(h.caller, h.fixtures.siteId,
        TranscriptFile.read(content.getBytes(StandardCharsets.UTF_8), format), false));
  }

  private String json() {
    return """
        [{"id": "old-1", "contact": {"externalId": "u-1", "email": "li@example.cn",
            "name": "李娜"}, "agent": "%s", "channel": "chat",
          "started": "2025-05-01T09:00:00Z", "closed": "2025-05-01T09:30:00Z",
          "disposition": "solved", "tags": ["billing"],
          "messages": [
            {"at": "2025-05-01T09:02:00Z", "author": "agent", "text": "您好，请问有什么可以帮您？"},
            {"at": "2025-05-01T09:01:00Z", "author": "visitor", "text": "<b>发票</b> 在哪里？"},
            {"at": "2025-05-01T09:29:00Z", "author": "system", "text": "closed"}]},
         {"id": "old-2", "contact": {"email": "sam@example.com", "name": "Sam"},
          "agent": "Former Agent", "started": "2025-05-02T10:00:00+08:00",
          "closed": "2025-05-02T10:10:00+08:00",
          "messages": [{"author": "visitor", "text": "hi"},
                       {"at": "2025-05-02T02:05:00Z", "author": "agent", "text": "hello"}]},
         {"id": "old-3", "contact": {"email": "x@example.com"}, "started": "2025-05-03T10:00:00Z",
          "closed": "2025-05-03T11:00:00Z",
          "messages": [{"author": "robot", "text": "beep"}]}]"""
        .formatted(h.adminAccount.email());
  }

  @Test
  void transcriptsBecomeClosedConversationsInOrderOncePerSourceId() throws Exception {
    ExchangeJob first = importTranscripts(json(), "json");
    assertThat(ExchangeHarness.outcomes(first)).containsExactly("1:created", "2:created",
        "3:refused:bad_author");
    List<String> messages = h.jdbi.withHandle(x -> x.createQuery("""
            SELECT m.seq || ' ' || m.sender_role || ' ' || m.body FROM messages m
            JOIN conversations c ON c.id = m.conversation_id
            WHERE c.site_id = :site AND c.imported_from = 'old-1' ORDER BY m.seq""")
        .bind("site", h.fixtures.siteId).mapTo(String.class).list());
    assertThat(messages).containsExactly("1 visitor <b>发票</b> 在哪里？",
        "2 agent 您好，请问有什么可以帮您？", "3 system closed");
    assertThat(h.count("SELECT count(*) FROM conversations WHERE site_id = :site"
        + " AND status = 'closed' AND imported_at IS NOT NULL AND last_seq = (SELECT count(*)"
        + " FROM messages m WHERE m.conversation_id = conversations.id)")).isEqualTo(2);
    assertThat(h.count("SELECT count(*) FROM conversations WHERE site_id = :site"
        + " AND imported_from = 'old-1' AND agent_id IS NOT NULL")).isEqualTo(1);

    ExchangeJob again = importTranscripts(json(), "json");
    assertThat(ExchangeHarness.outcomes(again)).startsWith("1:unchanged", "2:unchanged");
    assertThat(h.count("SELECT count(*) FROM conversations WHERE site_id = :site")).isEqualTo(2);
    assertThat(h.count("SELECT count(*) FROM contacts WHERE site_id = :site")).isEqualTo(2);
    h.awaitAudit(first.id(), "import.transcripts");
  }

  @Test
  void csvTranscriptsAreReadRowPerMessage() throws Exception {
    String csv = "conversation_id,contact_email,contact_name,agent,started,closed,author,at,text\n"
        + "c-9,ann@example.com,Ann,Old Agent,2025-06-01T08:00:00Z,2025-06-01T08:20:00Z,"
        + "visitor,2025-06-01T08:01:00Z,\"Hello, is anyone there?\"\n"
        + "c-9,,,,,,agent,2025-06-01T08:02:00Z,Yes!\n";
    ExchangeJob job = importTranscripts(csv, "csv");
    assertThat(ExchangeHarness.outcomes(job)).containsExactly("1:created");
    UUID id = h.jdbi.withHandle(x -> x.createQuery(
            "SELECT id FROM conversations WHERE site_id = :site AND imported_from = 'c-9'")
        .bind("site", h.fixtures.siteId).mapTo(UUID.class).one());
    TranscriptRows rows = new TranscriptRows(h.jdbi);
    String page = TranscriptPage.html(rows.summary(id).orElseThrow(), rows.lines(id), "zh-CN",
        ZoneId.of("Asia/Shanghai"));
    assertThat(page).contains("<html lang=\"zh-CN\">", "会话记录", "@media print",
        "Old Agent (客服)", "2025-06-01 16:01:00", "Hello, is anyone there?");
    assertThat(TranscriptPage.csv(rows.lines(id))).startsWith("\uFEFFseq,time,author_kind")
        .contains("\"Hello, is anyone there?\"");
  }

  @Test
  void exportsAreUtf8WithAByteOrderMarkAndKeepChinese() throws Exception {
    importTranscripts(json(), "json");
    ExchangeJob conversations = h.finished(h.jobs.export(h.caller, "conversations",
        new ExportFilter(null, null, h.fixtures.siteId, null, null, "closed",
            List.of("billing"), null)));
    String csv = Files.readString(h.folder.resolve(conversations.resultFile()),
        StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFid,site,queue,team,status,contact");
    assertThat(csv.lines().toList()).hasSize(2);
    assertThat(csv).contains("李娜", "li@example.cn", "old-1", "billing");
    assertThat(conversations.rowsDone()).isEqualTo(1);

    ExchangeJob scoped = h.finished(h.jobs.export(h.caller, "conversations",
        new ExportFilter(null, null, h.fixtures.siteId, null, null, null, List.of(),
            java.util.Set.of("some-other-queue"))));
    assertThat(scoped.rowsDone()).isZero();

    ExchangeJob contacts = h.finished(h.jobs.export(h.caller, "contacts",
        new ExportFilter(null, null, h.fixtures.siteId, null, null, null, List.of(), null)));
    String contactCsv = Files.readString(h.folder.resolve(contacts.resultFile()),
        StandardCharsets.UTF_8);
    assertThat(contactCsv).startsWith("\uFEFFid,external_id,name").contains("李娜", "u-1",
        "sam@example.com");
    h.awaitAudit(contacts.id(), "export.contacts");
  }
}
