package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The reports area with real chats, tickets and ratings made through the server, in English on
 * a desk and in Chinese on a phone: a supervisor sees the right numbers on the overview and in
 * the queue and agent tables, switches the trend from days to weeks, downloads a table's CSV (in
 * the page's language) and reads the satisfaction comments; an agent's "My figures" holds only
 * their own row. Every section passes axe and does not scroll sideways.
 */
class ConsoleReportsTest extends ConsoleTicketBrowserTest {

  @Test
  void aSupervisorReadsTheTeamsFiguresAndAnAgentTheirOwnInEnglish(TestInfo info) throws Exception {
    walk(info, "en-US", 1280, "Europe/Berlin");
  }

  @Test
  void aSupervisorReadsTheTeamsFiguresAndAnAgentTheirOwnInChineseOnAPhone(TestInfo info)
      throws Exception {
    walk(info, "zh-CN", 360, "Asia/Shanghai");
  }

  /** The data of one test: its own site, queue and team, so the supervisor sees only these. */
  private record Desk(Fixtures fixtures, Fixtures.Agent first, Fixtures.Agent second,
      Fixtures.Agent supervisor) {}

  private void walk(TestInfo info, String locale, int width, String zone) throws Exception {
    Fixtures own = Fixtures.create(jdbi());
    Desk desk = new Desk(own, own.addAgent(2), own.addAgent(2), own.addUser(Role.SUPERVISOR, 1));
    String supervisorToken = token(desk.supervisor());
    Assumptions.assumeTrue(Http.get(node.http(), "/v1/reports/definitions?tz=UTC",
        supervisorToken).status() != 404, "the reports API is not on this server");
    seed(desk, supervisorToken);
    boolean chinese = locale.startsWith("zh");

    Page page = open(desk.supervisor(), locale, width, zone);
    page.locator("a.nav-link[data-page=reports]").click();
    assertThat(page.locator("#reports-title")).hasText(chinese ? "报表" : "Reports");
    // Counting may trail the events by a moment: show again until the figures are in.
    Locator range = page.locator(".report-range");
    showUntil(page, range.locator("[data-metric='chats.started'] .report-card-value"), "4");
    assertThat(range.locator("[data-metric='chats.answered'] .report-card-value")).hasText("3");
    assertThat(range.locator("[data-metric='chats.missed'] .report-card-value")).hasText("1");
    // The two tickets, and the complaint the chat rated 2 opens (the satisfaction follow-up).
    showUntil(page, range.locator("[data-metric='tickets.created'] .report-card-value"), "3");
    assertThat(range.locator("[data-metric='tickets.complaintsOpened'] .report-card-value"))
        .hasText("1");
    assertThat(range.locator("[data-metric='csat.ratings'] .report-card-value")).hasText("2");
    assertThat(range.locator("[data-metric='csat.satisfiedRate'] .report-card-value")).hasText("50%");
    // Today's card is asked for beside the range and may have been answered a moment earlier.
    showUntil(page, page.locator(".report-today [data-metric='chats.started'] .report-card-value"),
        "4");
    check(page, locale, supervisorToken);
    screenshot(page, info, "overview-" + locale);

    // The queue table: one row, the fixtures' queue, with the chats counted.
    page.locator(".report-tab[data-section=queues]").click();
    Locator queueRow = page.locator(".report-queues-table tbody tr");
    assertThat(queueRow).hasCount(1);
    assertThat(queueRow.locator("th")).hasText("Support");
    assertThat(queueRow.locator("td").nth(0)).hasText("4");
    assertThat(queueRow.locator("td").nth(1)).hasText("3");
    assertThat(queueRow.locator("td").nth(2)).hasText("1");
    check(page, locale, supervisorToken);
    String csv = download(page, page.locator(".report-queues .report-csv"));
    assertThat(csv).startsWith("\uFEFF").contains("Support");
    String header = csv.lines().findFirst().orElseThrow();
    assertThat(header).as(header).matches(chinese ? ".*\\p{IsHan}.*" : "\uFEFF[\\x20-\\x7E]+");
    assertThat(csv.lines().count()).isEqualTo(2);

    // The agent table, sorted by chats, most first.
    page.locator(".report-tab[data-section=agents]").click();
    Locator agentRows = page.locator(".report-agents-table tbody tr");
    assertThat(agentRows.filter(new Locator.FilterOptions().setHasText(desk.first().name()))
        .locator("td").first()).hasText("2");
    assertThat(agentRows.filter(new Locator.FilterOptions().setHasText(desk.second().name()))
        .locator("td").first()).hasText("1");
    // Time online comes from the status timeline: both agents went online to answer.
    assertThat(page.locator(".report-agents-table th[data-key=onlineSeconds]")).hasCount(1);
    String agentTime = download(page, page.locator(".report-agents .report-csv[data-view=agent-time]"));
    assertThat(agentTime).startsWith("\uFEFF").contains(desk.first().name(), desk.second().name());
    // A number column sorts the largest first; a second press turns the order round.
    page.locator(".report-agents-table th[data-key=chats] button").click();
    assertThat(page.locator(".report-agents-table th[data-key=chats]"))
        .hasAttribute("aria-sort", "descending");
    assertThat(agentRows.first().locator("th")).hasText(desk.first().name());
    page.locator(".report-agents-table th[data-key=chats] button").press("Enter");
    assertThat(page.locator(".report-agents-table th[data-key=chats]"))
        .hasAttribute("aria-sort", "ascending");
    assertThat(agentRows.first().locator("th")).hasText(desk.second().name());
    check(page, locale, supervisorToken);

    // Trends: a row per day of the last seven, then a row per week those days touch.
    page.locator(".report-tab[data-section=trends]").click();
    Locator volume = page.locator(".report-figure").first();
    volume.locator(".report-toggle").click();
    assertThat(volume.locator("tbody tr")).hasCount(7);
    LocalDate today = LocalDate.now(ZoneId.of(zone));
    LocalDate firstMonday = today.minusDays(6).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    int weeks = firstMonday.equals(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))) ? 1 : 2;
    page.locator("#report-interval").selectOption("week");
    assertThat(volume.locator("tbody tr")).hasCount(weeks);
    assertThat(volume.locator("tbody tr").last().locator("td").first()).hasText("4");
    check(page, locale, supervisorToken);
    screenshot(page, info, "trends-" + locale);

    // Satisfaction: the comments, newest first.
    page.locator(".report-tab[data-section=csat]").click();
    assertThat(page.locator(".report-comment-text")).hasText(new String[] {"Too slow", "Very helpful"});
    check(page, locale, supervisorToken);

    for (String section : List.of("heatmap", "sla")) {
      page.locator(".report-tab[data-section=" + section + "]").click();
      assertThat(page.locator(".report-figure")).isVisible();
      page.locator(".report-toggle").first().press("Enter");
      assertThat(page.locator(".report-figure-table").first()).isVisible();
      check(page, locale, supervisorToken);
    }

    // An agent sees their own figures only.
    Page mine = open(desk.first(), locale, width, zone);
    mine.locator("a.nav-link[data-page=reports]").click();
    assertThat(mine.locator("#reports-title")).hasText(chinese ? "我的数据" : "My figures");
    assertThat(mine.locator("#report-agent")).hasCount(0);
    mine.locator(".report-tab[data-section=agents]").click();
    Locator ownRow = mine.locator(".report-agents-table tbody tr");
    assertThat(ownRow).hasCount(1);
    assertThat(ownRow.locator("th")).hasText(desk.first().name());
    assertThat(ownRow.locator("td").first()).hasText("2");
    check(mine, locale, token(desk.first()));
    screenshot(mine, info, "mine-" + locale);
  }

  /**
   * Three chats answered (two by the first agent, rated 5 and 2 with comments, one by the
   * second) and one left unanswered, and two tickets; the chat rated 2 opens a third, a
   * complaint.
   */
  private void seed(Desk desk, String supervisorToken) throws Exception {
    Fixtures own = desk.fixtures();
    answer(own, desk.first(), 5, "Very helpful");
    answer(own, desk.second(), null, null);
    answer(own, desk.first(), 2, "Too slow");
    try (RawSocket visitor = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), own.siteKey))) {
      visitor.next("welcome");
      String id = start(visitor, own, "Max Missed");
      visitor.sendText("{\"type\":\"close\",\"id\":\"c\",\"conversationId\":\"" + id + "\"}");
      visitor.reply("ok", "c");
    }
    for (String subject : List.of("Invoice missing", "Password reset")) {
      Http.Reply reply = Http.call("POST", node.http(), "/v1/tickets", supervisorToken,
          "{\"queue\":\"" + own.queueId + "\",\"subject\":\"" + subject + "\",\"priority\":\"normal\","
          + "\"body\":\"Please help\",\"requester\":{\"name\":\"Rita Requester\","
          + "\"email\":\"requester@example.com\"}}");
      assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
      typed.add(subject);
    }
    typed.addAll(List.of("Very helpful", "Too slow", "Rita Requester", "Please help",
        desk.first().name(), desk.second().name(), desk.supervisor().name()));
  }

  private static String start(RawSocket visitor, Fixtures own, String name) throws Exception {
    visitor.sendText("{\"type\":\"start\",\"id\":\"s\",\"queue\":\"" + own.queueId
        + "\",\"fields\":{\"name\":\"" + name + "\"}}");
    return visitor.reply("started", "s").replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
  }

  /** A visitor's chat the agent accepts and answers; the visitor closes it and may rate it. */
  private void answer(Fixtures own, Fixtures.Agent agent, Integer score, String comment)
      throws Exception {
    try (RawSocket visitor = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), own.siteKey));
        Participant staff = Participant.agent(node.http(), node.ws(), agent)) {
      visitor.next("welcome");
      String id = start(visitor, own, "Vera Visitor");
      staff.client().setStatus("online").get();
      staff.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(id), Duration.ofSeconds(15));
      staff.client().accept(id).get();
      staff.client().send(id, "Hello, how can I help?").get();
      staff.client().setStatus("offline").get();
      visitor.sendText("{\"type\":\"close\",\"id\":\"c\",\"conversationId\":\"" + id + "\"}");
      visitor.reply("ok", "c");
      if (score != null) {
        visitor.sendText("{\"type\":\"rate\",\"id\":\"r\",\"conversationId\":\"" + id
            + "\",\"score\":" + score + ",\"comment\":\"" + comment + "\"}");
        visitor.reply("ok", "r");
      }
    }
    typed.addAll(List.of("Vera Visitor", "Max Missed"));
  }

  /** A signed-in console in the language, width and time zone given. */
  private Page open(Fixtures.Agent user, String locale, int width, String zone) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale(locale).setTimezoneId(zone).setViewportSize(width, 900).setAcceptDownloads(true));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    login(page, user);
    return page;
  }

  /** Presses "Show" until {@code figure} reads {@code expected} (the count may trail a moment). */
  private static void showUntil(Page page, Locator figure, String expected) {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      page.waitForTimeout(500);
      if (figure.count() > 0 && expected.equals(figure.textContent().trim())) {
        return;
      }
      page.locator(".report-filters button[type=submit]").click();
    }
    assertThat(figure).hasText(expected);
  }

  private String download(Page page, Locator link) throws Exception {
    Download file = page.waitForDownload(link::click);
    assertThat(file.suggestedFilename()).endsWith(".csv");
    return Files.readString(file.path(), StandardCharsets.UTF_8);
  }

  /** No serious axe finding, no sideways scrolling, and on a Chinese screen no English. */
  private void check(Page page, String locale, String token) throws Exception {
    assertThat(problems(page)).isEmpty();
    if (locale.startsWith("zh")) {
      List<String> data = new ArrayList<>(List.of("Support"));
      for (var team : Http.get(node.http(), "/v1/teams", token).body()) {
        data.add(team.path("name").asText());
      }
      for (var site : Http.get(node.http(), "/v1/admin/sites", token(fixtures.addUser(Role.ADMIN, 1))).body()) {
        data.add(site.path("name").asText());
      }
      assertThat(english(page, token, data)).isEmpty();
    }
    assertThat(pageErrors).isEmpty();
  }
}
