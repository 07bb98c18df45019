package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The ticket views in the console: counts and rows that follow changes other users make over
 * REST without a reload, the filters, bulk assignment and status with the server's per-ticket
 * refusals, the inbox's keys, and the same screens in Chinese and on a 360 px phone.
 */
class ConsoleTicketViewsTest extends ConsoleTicketBrowserTest {

  @Test
  void viewsStayLiveAndBulkChangesSayWhatWasRefused(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    Fixtures.Agent colleague = fixtures.addAgent(3);
    String mine = token(supervisor);
    String theirs = token(colleague);
    JsonNode fire = openTicket(mine, "Printer on fire", "urgent", "Maria Lopez");
    JsonNode reset = openTicket(mine, "Password reset", "normal", "Tom Berg");
    JsonNode refund = openTicket(mine, "Refund request", "low", "Ana Silva");
    int all = Http.get(node.http(), "/v1/tickets?view=all", mine).body()
        .path("counts").path("all").asInt();

    Page page = signIn(supervisor, "en-US", 1280);
    go(page, "tickets");
    page.locator("#ticket-view-all").click();
    assertThat(page.locator("#ticket-view-all")).hasAttribute("aria-pressed", "true");
    assertCount(page, "all", all);
    assertThat(row(page, "Printer on fire")).containsText("Maria Lopez");
    assertThat(row(page, "Printer on fire")).containsText("Urgent");
    assertThat(row(page, "Printer on fire").locator(".sla-badge")).isVisible();
    screenshot(page, info, "all");

    // A colleague opens a ticket and takes another: the count and the rows follow at once.
    openTicket(theirs, "Broken hinge", "high", "Li Wei");
    assertCount(page, "all", all + 1);
    assertThat(row(page, "Broken hinge")).isVisible();
    ticketCall(theirs, "POST", reset.get("id").asText(), "/take", null, 200);
    assertThat(row(page, "Password reset")).containsText(colleague.name());

    // Filters: only the urgent one, then all of them again.
    page.locator("#ticket-filters summary").click();
    page.locator("#tf-priority").selectOption("urgent");
    assertThat(row(page, "Password reset")).hasCount(0);
    assertThat(row(page, "Printer on fire")).isVisible();
    assertThat(page.locator("#ticket-filters summary")).containsText("1");
    page.locator("#tf-clear").click();
    assertThat(row(page, "Refund request")).isVisible();

    // Bulk: new tickets cannot be closed; the server refuses each, and the console says so.
    row(page, "Printer on fire").locator(".ticket-check").check();
    row(page, "Refund request").locator(".ticket-check").check();
    assertThat(page.locator("#bulk-count")).hasText("2 selected");
    page.locator("#bulk-status").selectOption("closed");
    page.locator("#bulk-apply").click();
    assertThat(page.locator(".bulk-refused")).hasCount(2);
    assertThat(page.locator(".bulk-refused").first()).containsText("cannot become closed");
    assertThat(page.locator(".bulk-refused", new Page.LocatorOptions()
        .setHasText("#" + refund.get("number").asText()))).isVisible();
    screenshot(page, info, "bulk-refused");
    // The refused stay selected: assign them to the colleague and make them pending.
    page.locator("#bulk-assignee").selectOption(colleague.id().toString());
    page.locator("#bulk-status").selectOption("pending");
    page.locator("#bulk-apply").click();
    assertThat(page.locator(".bulk-summary")).hasText("2 tickets changed.");
    assertThat(page.locator(".bulk-refused")).hasCount(0);
    assertThat(row(page, "Refund request")).containsText("Pending");
    assertThat(row(page, "Refund request")).containsText(colleague.name());
    assertThat(Http.get(node.http(), "/v1/tickets/" + fire.get("id").asText(), mine).body()
        .path("assignee").path("id").asText()).isEqualTo(colleague.id().toString());

    // Pending view, then the inbox's keys: j moves down the list, Alt+1 opens the first.
    page.locator("#ticket-view-pending").click();
    assertThat(row(page, "Refund request")).isVisible();
    page.locator("main").focus();
    page.keyboard().press("j");
    assertThat(page.locator(".ticket-row.current")).hasCount(1);
    String first = page.locator(".ticket-row").first().getAttribute("data-id");
    page.keyboard().press("Alt+1");
    page.waitForURL(Pattern.compile(".*#/tickets/" + first));
    assertThat(page.locator("#ticket-title")).isVisible();

    go(page, "tickets");
    assertThat(page.locator(".ticket-row").first()).isVisible();
    assertThat(problems(page)).as("axe and width of the ticket list").isEmpty();
  }

  @Test
  void theViewsSpeakChineseAndFitAPhone(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String token = token(agent);
    openTicket(token, "Invoice shows the wrong VAT number", "high", "Wang Fang");
    openTicket(token, "Cannot log in", "urgent", "Zhang Min");
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(agent, "zh-CN", width);
      go(page, "tickets");
      page.locator("#ticket-view-all").click();
      assertThat(row(page, "Cannot log in")).isVisible();
      assertThat(page.locator("h1")).hasText("工单");
      page.locator("#ticket-filters summary").click();
      row(page, "Cannot log in").locator(".ticket-check").check();
      assertThat(page.locator("#bulk-bar")).isVisible();
      screenshot(page, info, "zh-" + width);
      found.put(width + " english", english(page, token, List.of()));
      found.put(width + " problems", problems(page));
      page.locator("#ticket-new").click();
      assertThat(page.locator("#new-ticket-subject")).isVisible();
      found.put(width + " new ticket english", english(page, token, List.of()));
      found.put(width + " new ticket problems", problems(page));
      page.keyboard().press("Escape");
      page.locator("#ticket-new-call").click();
      assertThat(page.locator("#new-ticket-outcome")).isVisible();
      found.put(width + " new call english", english(page, token, List.of()));
      page.keyboard().press("Escape");
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }

  @Test
  void aChatBecomesATicketLinkedToIt(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "Elena Rossi"))
          .get().conversationId();
      visitor.client().send(chat, "My order arrived broken").get();
      BrowserContext context = browser.newContext();
      contexts.add(context);
      Page page = openFirstChat(context, agent);
      try {
        walkChatToTicket(page, info);
      } finally {
        // Offline again, so later tests do not find this agent free to take chats.
        setStatus(page, "offline");
      }
    }
  }

  /** From the open chat: a ticket made, listed beside the chat, and opened. */
  private void walkChatToTicket(Page page, TestInfo info) {
    page.locator("#conv-ticket").click();
    assertThat(page.locator("#chat-ticket-subject")).hasValue("Chat with Elena Rossi");
    page.locator("#chat-ticket-subject").fill("Broken order");
    page.locator("#chat-ticket-priority").selectOption("high");
    page.locator("#chat-ticket-note").fill("Photos are in the chat");
    page.locator("#chat-ticket-submit").click();
    assertThat(page.locator(".toast a")).hasText("Open it");
    assertThat(page.locator("#side-tickets-card")).containsText("Broken order");
    screenshot(page, info, "chat-ticket");
    page.locator("#side-tickets-card a").click();
    assertThat(page.locator("#ticket-title")).containsText("Broken order");
    assertThat(page.locator(".ticket-links")).containsText("source");
    assertThat(page.locator(".entry-note")).containsText("Photos are in the chat");
  }

  private static Locator row(Page page, String subject) {
    return page.locator(".ticket-row", new Page.LocatorOptions().setHasText(subject));
  }
}
