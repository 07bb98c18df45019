package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.csat.RatingLinks;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The satisfaction follow-up in the browser: the supervisor finds the complaint a low chat
 * rating opened in the Complaints view and opens its transcript, in English and in Chinese on a
 * 360 px phone; the requester rates a ticket on the rating page with the keyboard alone, in both
 * languages, on a phone, and an altered link shows a page that says so; no serious axe findings
 * and no sideways scrolling anywhere.
 */
class CsatBrowserTest extends ConsoleTicketBrowserTest {

  @Test
  void theSupervisorFindsTheComplaintOfALowRatingInTheComplaintsView(TestInfo info)
      throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    String conversation = lowRatedChat("Nobody answered me");
    UUID complaint = Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbi()
        .withHandle(h -> h.createQuery("SELECT ticket_id FROM csat_complaints"
            + " WHERE rated_conversation = :c").bind("c", UUID.fromString(conversation))
            .mapTo(UUID.class).findOne()), java.util.Optional::isPresent).orElseThrow();
    JsonNode ticket = Http.get(node.http(), "/v1/tickets/" + complaint, token(supervisor)).body();
    String subject = ticket.get("subject").asText();
    typed.addAll(List.of(subject, "Nobody answered me", "Rated Visitor"));

    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String locale : List.of("en-US", "zh-CN")) {
      int width = locale.equals("en-US") ? 1280 : 360;
      Page page = signIn(supervisor, locale, width);
      go(page, "tickets");
      page.locator("#ticket-view-complaints").click();
      assertThat(page.locator("#ticket-view-complaints")).hasAttribute("aria-pressed", "true");
      assertThat(page.locator("#ticket-view-complaints"))
          .containsText(locale.equals("en-US") ? "Complaints" : "投诉");
      Locator row = page.locator(".ticket-row", new Page.LocatorOptions().setHasText(subject));
      assertThat(row).isVisible();
      assertThat(page.locator(".ticket-row .ticket-subject")
          .filter(new Locator.FilterOptions().setHasNotText("Complaint"))).hasCount(0);
      found.put(locale + " list problems", problems(page));
      screenshot(page, info, "complaints-" + locale);
      row.locator(".ticket-link").click();
      Locator transcript = page.locator(".ticket-links .link-button");
      assertThat(transcript).hasCount(1);
      assertThat(page.locator(".ticket-thread, #ticket-thread").first())
          .containsText("Nobody answered me");
      found.put(locale + " ticket problems", problems(page));
      if (locale.equals("zh-CN")) {
        found.put("english", english(page, token(supervisor), List.of()));
      }
      transcript.click();
      assertThat(page.locator("dialog[open]")).isVisible();
      screenshot(page, info, "transcript-" + locale);
      page.keyboard().press("Escape");
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("axe findings, sideways scrolling or English").isEmpty();
  }

  @Test
  void theRequesterRatesWithTheKeyboardInBothLanguagesOnAPhone(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String agentToken = token(agent);
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String language : List.of("en", "zh-CN")) {
      JsonNode ticket = openTicket(agentToken, "Parcel lost " + language, "normal", "Ruth Moss");
      UUID id = UUID.fromString(ticket.get("id").asText());
      Page page = phone(language, false);
      String address = baseUrl() + "/v1/ticket-ratings/" + links().token(id) + "?lang=" + language;
      page.navigate(address);
      boolean english = language.equals("en");
      assertThat(page.locator("h1")).hasText(english ? "Rate our help" : "为我们的服务评分");
      assertThat(page.locator("html")).hasAttribute("lang", language);
      found.put(language + " page", checked(address, language));
      page.keyboard().press("Tab");
      assertThat(page.locator("input[name=score][value='1']")).isFocused();
      int score = english ? 4 : 2;
      for (int i = 1; i < score; i++) {
        page.keyboard().press("ArrowDown");
      }
      assertThat(page.locator("input[name=score][value='" + score + "']")).isChecked();
      page.keyboard().press("Tab");
      assertThat(page.locator("#comment")).isFocused();
      page.keyboard().type(english ? "Took a while" : "等了太久");
      page.keyboard().press("Tab");
      assertThat(page.locator("#send")).isFocused();
      page.keyboard().press("Enter");
      assertThat(page.locator("#status")).hasText(english
          ? "Thank you! Your rating of 4 of 5 is saved." : "谢谢！您的评分 2 分（满分 5 分）已保存。");
      screenshot(page, info, "rated-" + language);
      assertThat((Integer) jdbi().withHandle(h -> h.createQuery("SELECT score FROM ticket_ratings"
          + " WHERE ticket_id = :t").bind("t", id).mapTo(Integer.class).one())).isEqualTo(score);
      // Opened again, the page shows the rating given, which may still change.
      page.reload();
      assertThat(page.locator("input[name=score][value='" + score + "']")).isChecked();
      assertThat(page.locator("#comment")).hasValue(english ? "Took a while" : "等了太久");
      found.put(language + " rated page", checked(address, language));

      String altered = address.replace("?lang", "x?lang");
      page.navigate(altered);
      assertThat(page.locator("h1")).hasText(english ? "This link is not valid" : "此链接无效");
      found.put(language + " refused page", checked(altered, language));
      screenshot(page, info, "refused-" + language);
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("axe findings or sideways scrolling").isEmpty();
    assertThat(pageErrors).isEmpty();
  }

  /**
   * A 360 px phone; {@code bypassCsp} lets axe's script in (the page itself allows only its own
   * script, which the other checks run under).
   */
  private Page phone(String language, boolean bypassCsp) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale(language).setViewportSize(360, 740).setBypassCSP(bypassCsp));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    return page;
  }

  /** Serious axe findings and sideways scrolling of the page at {@code address}. */
  private List<String> checked(String address, String language) {
    Page page = phone(language, true);
    page.navigate(address);
    return problems(page);
  }

  /** Links signed with the node's own secret, as its rating requests are. */
  private RatingLinks links() {
    byte[] secret = jdbi().withHandle(h -> h.createQuery(
            "SELECT secret FROM server_secrets WHERE name = 'ticket-rating-links'")
        .mapTo(byte[].class).one());
    return new RatingLinks(secret, Clock.systemUTC());
  }

  private String lowRatedChat(String comment) throws Exception {
    try (RawSocket visitor = RawSocket.connect(node.ws(),
        Http.visitorToken(node.http(), fixtures.siteKey))) {
      visitor.next("welcome");
      visitor.sendText("{\"type\":\"start\",\"id\":\"s\",\"queue\":\"" + fixtures.queueId
          + "\",\"fields\":{\"name\":\"Rated Visitor\"}}");
      String id = visitor.reply("started", "s")
          .replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
      visitor.sendText("{\"type\":\"close\",\"id\":\"c\",\"conversationId\":\"" + id + "\"}");
      visitor.reply("ok", "c");
      visitor.sendText("{\"type\":\"rate\",\"id\":\"r\",\"conversationId\":\"" + id
          + "\",\"score\":1,\"comment\":\"" + comment + "\"}");
      visitor.reply("ok", "r");
      return id;
    }
  }
}
