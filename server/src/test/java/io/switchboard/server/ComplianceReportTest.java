package io.switchboard.server;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.switchboard.server.access.Role;
import io.switchboard.server.compliance.ComplianceMailer;
import io.switchboard.server.compliance.ComplianceSchedule;
import io.switchboard.server.compliance.ComplianceService;
import io.switchboard.server.compliance.PdfFiles;
import io.switchboard.server.config.MailSettings;
import io.switchboard.server.store.availability.MaintenanceWindowDao;
import io.switchboard.server.store.compliance.ComplianceMailDao;
import io.switchboard.server.store.compliance.ComplianceReportDao;
import io.switchboard.server.store.compliance.StoredReport;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Done test of the monthly compliance report: May 2032 with a simulated outage (a run of 37
 * minutes in which every node's probe failed, one minute only one node failed, and a declared
 * two-hour maintenance window whose failed probes do not count) and simulated SLA breaches (three
 * tickets through the real SLA engine with a moved clock: one answered within the hour, two after
 * their first-response clock breached). The report shows exactly those figures, in English and
 * Chinese, as PDF (text extracted, Chinese font embedded), HTML and CSV; and the schedule
 * generates and queues the mail of the month exactly once when two nodes run it at the same time.
 */
class ComplianceReportTest {
  private static final YearMonth MAY = YearMonth.of(2032, 5);
  private static final Instant START = Instant.parse("2032-05-03T08:00:00Z");
  private static final Instant OUTAGE = Instant.parse("2032-05-10T03:00:00Z");
  private static final int OUTAGE_MINUTES = 52;
  private static final Instant MAINTENANCE = Instant.parse("2032-05-20T01:00:00Z");
  private static final Instant JUNE = Instant.parse("2032-06-01T00:10:00Z");
  private static final MutableClock clock = new MutableClock(START);
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static TestNode node;
  private static Fixtures fixtures;
  private static String admin;
  private static Jdbi jdbi;

  @BeforeAll
  static void simulateTheMonth() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_SLA_SCHEDULER_MS", "100"), clock);
    jdbi = node.node().database().jdbi();
    fixtures = Fixtures.create(jdbi);
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    writeProbes();
    new MaintenanceWindowDao(jdbi).create(MAINTENANCE, MAINTENANCE.plus(Duration.ofHours(2)),
        "数据库升级 database upgrade", "test");
    String agent = Http.agentToken(node.http(), fixtures.addAgent(3));
    List<String> tickets = List.of(
        Tickets.open(node.http(), agent, fixtures.queueId, "Met").get("id").asText(),
        Tickets.open(node.http(), agent, fixtures.queueId, "Late one").get("id").asText(),
        Tickets.open(node.http(), agent, fixtures.queueId, "Late two").get("id").asText());
    for (String id : tickets) {
      expect(200, Tickets.call(node.http(), agent, "POST", id, "/take", null));
    }
    clock.set(START.plus(Duration.ofMinutes(30)));
    reply(agent, tickets.get(0));
    clock.set(START.plus(Duration.ofHours(2)));
    for (String id : tickets.subList(1, 3)) {
      awaitBreach(agent, id);
      reply(agent, id);
    }
    clock.set(START.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(10)));
    for (String id : tickets) {
      expect(200, Tickets.status(node.http(), agent, id, "solved"));
    }
    clock.set(JUNE);
    awaitFacts();
  }

  /** Waits until the reports engine's updater has taken in the three solved tickets. */
  private static void awaitFacts() throws Exception {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          var overview = Http.get(node.http(), "/v1/reports/overview?from=2032-05-01"
              + "&to=2032-05-31&site=" + fixtures.siteId, admin).body();
          assertThat(overview).as("report facts of May").isNotNull();
          assertThat(overview.get("tickets").get("solved").asLong())
              .as("report facts of May: " + overview).isEqualTo(3);
        });
  }

  @AfterAll
  static void stop() {
    // Probe rows of 2032 would move other tests' "measuring began" if they stayed.
    jdbi.useHandle(h -> h.execute("DELETE FROM availability_probes WHERE node_id LIKE 'may-%'"));
    jdbi.useHandle(h -> h.execute("DELETE FROM maintenance_windows WHERE created_by = 'test'"));
    node.close();
  }

  /** Every minute of May on two nodes, both failing in the outage, one of them once more. */
  private static void writeProbes() {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO availability_probes (minute, node_id, ok, latency_ms, failure, probed_at)
            SELECT m, n, NOT failed, 40, CASE WHEN failed THEN 'connect timed out' END, m
            FROM generate_series(:from, :to, interval '1 minute') m
            CROSS JOIN (VALUES ('may-a'), ('may-b')) nodes (n)
            CROSS JOIN LATERAL (SELECT (m >= :outage AND m < :outageEnd)
                OR (m = :single AND n = 'may-a')
                OR (m >= :maintenance AND m < :maintenanceEnd) AS failed) f""")
        .bind("from", MAY.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
        .bind("to", MAY.atEndOfMonth().atTime(23, 59).atOffset(ZoneOffset.UTC))
        .bind("outage", OUTAGE.atOffset(ZoneOffset.UTC))
        .bind("outageEnd", OUTAGE.plus(Duration.ofMinutes(OUTAGE_MINUTES))
            .atOffset(ZoneOffset.UTC))
        .bind("single", Instant.parse("2032-05-11T05:00:00Z").atOffset(ZoneOffset.UTC))
        .bind("maintenance", MAINTENANCE.atOffset(ZoneOffset.UTC))
        .bind("maintenanceEnd", MAINTENANCE.plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC))
        .execute());
  }

  private static void reply(String token, String id) throws Exception {
    expect(201, Tickets.call(node.http(), token, "POST", id, "/replies",
        "{\"text\":\"Looking into it\"}"));
  }

  private static void awaitBreach(String token, String id) throws Exception {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .alias("first response of " + id + " breached")
        .until(() -> {
          for (var c : Tickets.read(node.http(), token, id).get("sla").get("clocks")) {
            if (c.get("metric").asText().equals("first_response")
                && c.get("state").asText().equals("breached")) {
              return true;
            }
          }
          return false;
        });
  }

  private static byte[] download(String site, String lang, String format) throws Exception {
    HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(URI.create(node.http()
            + "/v1/compliance-reports/" + MAY + "?site=" + site + "&lang=" + lang + "&format="
            + format)).header("Authorization", "Bearer " + admin).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return response.body();
  }

  /** The received mail of May's report (a database kept from earlier runs may queue more). */
  private static List<MimeMessage> ofMay(GreenMail smtp) throws Exception {
    List<MimeMessage> may = new java.util.ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getSubject().contains("2032-05")) {
        may.add(message);
      }
    }
    return may;
  }

  /** The text without white space: PDF text extraction drops some between table cells. */
  private static String squash(String text) {
    return text.replaceAll("\\s+", "");
  }

  /** The availability figures the simulated month must give. */
  private static String percent() {
    long measured = 31L * 86_400;
    long maintenance = 2 * 3600;
    long down = OUTAGE_MINUTES * 60L;
    return String.format(Locale.ROOT, "%.3f%%",
        100.0 * (measured - maintenance - down) / (measured - maintenance));
  }

  @Test
  void theReportShowsTheOutageInBothLanguagesAndFormats() throws Exception {
    byte[] en = download("all", "en", "pdf");
    String text = squash(PdfFiles.text(en));
    assertThat(text).contains(squash("Monthly service compliance report 2032-05"), percent(),
        squash("Downtime 52.0 min"), squash("Allowed downtime 44.6 min"),
        squash("Planned maintenance 120.0 min"), squash("Incidents 1"),
        squash("2032-05-10 03:00 2032-05-10 03:52 52.0 min connect timed out"),
        squash("Target met No"), squash("数据库升级 database upgrade"));
    byte[] zh = download("all", "zh-CN", "pdf");
    String chinese = squash(PdfFiles.text(zh));
    assertThat(chinese).contains(squash("月度服务合规报告 2032-05"), percent(),
        squash("停机时长 52.0 分钟"), squash("故障次数 1"),
        squash("2032-05-10 03:00 2032-05-10 03:52 52.0 分钟 connect timed out"),
        squash("是否达标 否"));
    assertThat(PdfFiles.embeddedFonts(zh)).anyMatch(name -> name.contains("DroidSansFallback")
        || name.contains("WenQuanYi"));
    PdfFiles.firstPagePng(zh, "done-2032-05-zh-CN");
    PdfFiles.firstPagePng(en, "done-2032-05-en");
    String html = new String(download("all", "zh-CN", "html"), StandardCharsets.UTF_8);
    assertThat(html).contains("<td>52.0 分钟</td>", "<td>" + percent() + "</td>",
        "<td>connect timed out</td>");
    String csv = new String(download("all", "en", "csv"), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFF").contains("availability,availability.down,Downtime,seconds,"
        + OUTAGE_MINUTES * 60 + ",", "availability,availability.maintenance,Planned maintenance,"
        + "seconds,7200,", "availability,availability.incidents,Incidents,count,1,");
  }

  @Test
  void theSiteReportShowsTheBreachesInBothLanguagesAndFormats() throws Exception {
    String csv = new String(download(fixtures.siteId, "zh-CN", "csv"), StandardCharsets.UTF_8);
    assertThat(csv).contains(
        "sla,sla.ticket.first_response.normal,工单 · 首次响应 · 普通,rate,0.3333333333333333,,,,,1,2",
        "sla,sla.breached,违约总数,count,2,", "volume,ticket.created,新建工单,count,3,",
        "volume,ticket.solved,已解决工单,count,3,");
    String en = squash(PdfFiles.text(download(fixtures.siteId, "en", "pdf")));
    assertThat(en).contains(squash("Ticket · first response · normal 3 1 2 33.3%"),
        squash("Ticket · initial solution · normal 3 3 0 100.0%"),
        squash("Ticket · resolution · normal 3 3 0 100.0%"), squash("Breaches in all 2"),
        squash("Tickets created 3"), squash("Tickets solved 3"));
    String zh = squash(PdfFiles.text(download(fixtures.siteId, "zh-CN", "pdf")));
    assertThat(zh).contains(squash("工单 · 首次响应 · 普通 3 1 2 33.3%"),
        squash("工单 · 初步解决 · 普通 3 3 0 100.0%"), squash("违约总数 2"));
    String html = new String(download(fixtures.siteId, "en", "html"), StandardCharsets.UTF_8);
    assertThat(html).contains("<th scope=\"row\">Ticket · first response · normal</th><td>3</td>"
        + "<td>1</td><td>2</td><td>33.3%</td>");
  }

  @Test
  void twoNodesGenerateAndMailTheMonthOnceOnTheFirst() throws Exception {
    ComplianceService service = NodeCompliance.service(jdbi, clock);
    ComplianceSchedule first = new ComplianceSchedule(service, ZoneOffset.UTC, "node-a", clock);
    ComplianceSchedule second = new ComplianceSchedule(service, ZoneOffset.UTC, "node-b", clock);
    var a = CompletableFuture.supplyAsync(first::runOnce);
    var b = CompletableFuture.supplyAsync(second::runOnce);
    List<StoredReport> made = new java.util.ArrayList<>(a.get());
    made.addAll(b.get());
    assertThat(made.stream().filter(r -> r.scope().equals("all"))).hasSize(1);
    assertThat(made.stream().map(StoredReport::month)).containsOnly(MAY);
    assertThat(first.runOnce()).isEmpty();
    long admins = jdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled").mapTo(Long.class).one());
    StoredReport all = service.store().find(MAY, "all").orElseThrow();
    assertThat(all.generatedBy()).isEqualTo("schedule");
    assertThat(all.downSeconds()).isEqualTo(OUTAGE_MINUTES * 60L);
    long mails = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM compliance_report_mail"
        + " WHERE report_id = :id").bind("id", all.id()).mapTo(Long.class).one());
    assertThat(mails).isEqualTo(admins);
    long claims = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM compliance_schedule_runs"
        + " WHERE month = :m AND scope = 'all'").bind("m", MAY.atDay(1)).mapTo(Long.class).one());
    assertThat(claims).isEqualTo(1);
    mailTheReport(all, admins);
  }

  /** The queued mail goes out once per admin, from the support address, with both PDFs. */
  private static void mailTheReport(StoredReport report, long admins) throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
        .dynamicPort());
    smtp.start();
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO mail_addresses (id, site_id, address, display_name, queue_id,
                created_at, updated_at)
            VALUES (gen_random_uuid(), :site, :address, 'Support', :queue, now(), now())""")
        .bind("site", fixtures.siteId).bind("address", "support-" + fixtures.siteId
            + "@example.com").bind("queue", fixtures.queueId).execute());
    MailSettings settings = new MailSettings(-1, 1 << 20, "127.0.0.1",
        smtp.getSmtp().getPort(), null, null, "none", false, Duration.ofMillis(100),
        Duration.ofMinutes(1));
    try (ComplianceMailer mailer = new ComplianceMailer(new ComplianceMailDao(jdbi),
        new ComplianceReportDao(jdbi), settings, clock)) {
      mailer.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> ofMay(smtp).size() >= admins);
      MimeMessage mail = ofMay(smtp).get(0);
      assertThat(mail.getSubject()).contains("2032-05", "月度服务合规报告");
      MimeMultipart parts = (MimeMultipart) mail.getContent();
      assertThat(parts.getCount()).isEqualTo(3);
      assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("compliance-2032-05-en.pdf");
      assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("compliance-2032-05-zh-CN.pdf");
      await().atMost(Duration.ofSeconds(10)).alias("every mail marked sent")
          .until(() -> new ComplianceMailDao(jdbi).forReport(report.id()).stream()
              .allMatch(m -> m.state().equals("sent")));
      assertThat(ofMay(smtp)).hasSize((int) admins);
    } finally {
      smtp.stop();
    }
  }
}
