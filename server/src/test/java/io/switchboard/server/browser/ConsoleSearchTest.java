package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Search in the console, in English on a desk and in Chinese on a phone: "/" focuses the box in
 * the top bar, a Chinese word inside a sentence and an English word are found with the match
 * marked in context, a chat hit opens the transcript at that message, a ticket hit the ticket at
 * that entry; every screen passes axe and, in Chinese, shows no English of its own.
 */
class ConsoleSearchTest extends ConsoleTicketBrowserTest {

  @Test
  void findsChineseAndEnglishWordsAndOpensTheHitInEnglish(TestInfo info) throws Exception {
    walk(info, "en-US", 1280);
  }

  @Test
  void findsChineseAndEnglishWordsAndOpensTheHitInChineseOnAPhone(TestInfo info)
      throws Exception {
    walk(info, "zh-CN", 360);
  }

  private void walk(TestInfo info, String locale, int width) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String token = token(agent);
    java.util.Random random = new java.util.Random();
    String word = "parcel" + random.ints(5, 'a', 'z' + 1)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    String chineseText = "我想申请退款可以吗，订单" + word;
    String englishText = "Where is my " + word + " please";
    long seq;
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "王芳")).get()
          .conversationId();
      visitor.client().send(chat, "您好").get();
      seq = visitor.client().send(chat, chineseText).get().seq();
      visitor.client().send(chat, englishText).get();
    }
    JsonNode ticket = openTicket(token, "退款申请 " + word, "normal", "李娜");
    typed.addAll(List.of(chineseText, englishText, word, "王芳"));

    Page page = signIn(agent, locale, width);
    page.locator("main").click();
    page.keyboard().press("/");
    assertThat(page.locator("#topbar-search")).isFocused();
    page.keyboard().type("退款 " + word);
    page.keyboard().press("Enter");
    page.waitForURL(Pattern.compile(".*#/search\\?q=.*"));
    Locator message = page.locator(".search-message");
    assertThat(message).hasCount(1);
    assertThat(message.locator("mark").first()).hasText("退款");
    assertThat(message.locator(".search-snippet")).containsText(chineseText);
    assertThat(page.locator(".search-ticket")).hasCount(2);
    assertThat(problems(page)).isEmpty();
    if (locale.startsWith("zh")) {
      // Data, not words of the console: the fixtures' team and the ticket's body cut by a mark.
      List<String> data = new java.util.ArrayList<>(List.of("Details of"));
      for (JsonNode team : Http.get(node.http(), "/v1/teams", token).body()) {
        data.add(team.path("name").asText());
      }
      assertThat(english(page, token, data)).isEmpty();
    }
    screenshot(page, info, "results-" + locale);

    // The chat hit opens the transcript at that message.
    message.locator(".search-open").click();
    Locator hit = page.locator("dialog .transcript-hit");
    assertThat(hit).containsText(chineseText);
    assertThat(hit).hasAttribute("data-seq", String.valueOf(seq));
    assertThat(hit).isFocused();
    assertThat(problems(page)).isEmpty();
    page.keyboard().press("Escape");

    // An English word, typed on the results page with a filter, in any case.
    page.locator("#search-q").fill(word.toUpperCase(java.util.Locale.ROOT));
    page.locator("#search-kind").selectOption("messages");
    page.locator("#search-q").press("Enter");
    assertThat(page.locator(".search-hit")).hasCount(2);
    assertThat(page.locator(".search-hit mark").first()).hasText(word);
    assertThat(page.locator(".search-ticket")).hasCount(0);

    // A ticket hit opens the ticket at that entry.
    page.locator("#search-kind").selectOption("tickets");
    page.locator("#search-q").press("Enter");
    page.locator(".search-ticket a[href*='/entry/']").click();
    assertThat(page.locator("#ticket-title")).containsText("#" + ticket.get("number").asText());
    assertThat(page.locator(".entry-hit")).containsText("Details of 退款申请");
    assertThat(problems(page)).isEmpty();
    assertThat(pageErrors).isEmpty();
  }
}
