package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * One ticket in the console: the workflow (a reply opens a new ticket, pending, solved, reopen,
 * closed takes nothing more), internal notes the requester never sees, a logged call, merging
 * (refused into a closed ticket, then done), the SLA clocks counting down in the colours of
 * their state, and the page in Chinese and on a phone.
 */
class ConsoleTicketPageTest extends ConsoleTicketBrowserTest {

  @Test
  void aTicketGoesThroughItsWorkflow(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String token = token(agent);
    // The requester writes through the widget's offline form, so their own view can be read.
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    JsonNode form = Http.call("POST", node.http(), "/v1/tickets", visitor,
        "{\"name\":\"Maria Lopez\",\"email\":\"maria@example.com\",\"message\":\"My parcel is lost\"}")
        .body();
    String id = form.get("ticketId").asText();
    typed.addAll(List.of("Maria Lopez", "My parcel is lost"));

    Page page = signIn(agent, "en-US", 1280);
    go(page, "tickets/" + id);
    assertThat(page.locator("#ticket-title")).containsText("#" + form.get("number").asText());
    assertThat(page.locator(".entry-customer")).containsText("My parcel is lost");
    page.locator("#ticket-take").click();
    assertThat(page.locator(".ticket-pills")).containsText(agent.name());

    // An internal note: drawn as a note, and not in the requester's view of the ticket.
    page.locator("#ticket-mode-note").click();
    page.locator("#ticket-text").fill("Courier says it is in the depot");
    page.locator("#ticket-send").click();
    assertThat(page.locator(".entry-note")).containsText("Courier says it is in the depot");
    assertThat(Http.get(node.http(), "/v1/visitor/tickets/" + id, visitor).body().toString())
        .doesNotContain("depot");

    // A public reply opens the new ticket; a reply can also move it to pending.
    page.locator("#ticket-mode-reply").click();
    page.locator("#ticket-text").fill("We are looking for it");
    page.locator("#ticket-send").click();
    assertThat(page.locator(".ticket-pills")).containsText("Open");
    assertThat(page.locator("#ticket-status option")).hasText(new String[] {
        "Open", "Pending", "On hold", "Solved"});
    page.locator("#ticket-text").fill("Can you confirm your address?");
    page.locator("#ticket-then-status").selectOption("pending");
    page.locator("#ticket-send").click();
    assertThat(page.locator(".ticket-pills")).containsText("Pending");
    assertThat(page.locator(".entry-reply")).hasCount(2);

    // A logged call.
    page.locator("#ticket-log-call").click();
    page.locator("#call-direction").selectOption("outbound");
    page.locator("#call-minutes").fill("5");
    page.locator("#call-outcome").fill("Address confirmed");
    page.locator("#call-summary").fill("She confirmed the address");
    page.locator("#call-submit").click();
    assertThat(page.locator(".entry-call")).containsText("Address confirmed");
    assertThat(page.locator(".entry-call")).containsText("5 min");
    assertThat(page.locator(".entry-call")).containsText("Outgoing");

    // Solved with the proposed solution, reopened, solved, closed: then nothing more.
    page.locator("#ticket-text").fill("A new parcel is on its way");
    page.locator("#ticket-proposed").check();
    page.locator("#ticket-then-status").selectOption("solved");
    page.locator("#ticket-send").click();
    assertThat(page.locator(".ticket-pills")).containsText("Solved");
    assertThat(page.locator(".entry-reply .pill.proposed")).hasCount(1);
    assertThat(page.locator("#ticket-status option")).hasText(new String[] {
        "Solved", "Open", "Closed"});
    page.locator("#ticket-status").selectOption("open");
    assertThat(page.locator(".ticket-pills")).containsText("Open");
    page.locator("#ticket-status").selectOption("solved");
    assertThat(page.locator(".ticket-pills")).containsText("Solved");
    page.locator("#ticket-status").selectOption("closed");
    assertThat(page.locator("#ticket-closed")).isVisible();
    assertThat(page.locator("#ticket-composer")).isHidden();
    assertThat(page.locator("#ticket-status")).isDisabled();
    assertThat(page.locator("#ticket-history")).containsText("Solved → Closed");
    screenshot(page, info, "closed");
    // The server refuses a reply on the closed ticket, whoever tries.
    ticketCall(token, "POST", id, "/replies", "{\"text\":\"Hello again\"}", 409);
  }

  @Test
  void mergingIsRefusedIntoAClosedTicketThenMovesTheThread(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String token = token(agent);
    JsonNode source = openTicket(token, "Screen flickers", "normal", "Ola Nordmann");
    JsonNode target = openTicket(token, "Display problem", "normal", "Ola Nordmann");
    JsonNode closed = openTicket(token, "Old display case", "normal", "Ola Nordmann");
    String closedId = closed.get("id").asText();
    ticketCall(token, "POST", closedId, "/status", "{\"status\":\"solved\"}", 200);
    ticketCall(token, "POST", closedId, "/status", "{\"status\":\"closed\"}", 200);

    Page page = signIn(agent, "en-US", 1280);
    go(page, "tickets/" + source.get("id").asText());
    assertThat(page.locator(".entry-customer")).containsText("Details of Screen flickers");
    page.locator("#merge-number").fill(closed.get("number").asText());
    page.locator("#merge-find").click();
    page.locator("#merge-confirm").click();
    assertThat(page.locator("#ticket-side-error")).containsText("is closed");
    screenshot(page, info, "refused");

    page.locator("#merge-number").fill("#" + target.get("number").asText());
    page.locator("#merge-find").click();
    assertThat(page.locator("dialog")).containsText("#" + target.get("number").asText());
    page.locator("#merge-confirm").click();
    page.waitForURL(Pattern.compile(".*#/tickets/" + target.get("id").asText()));
    assertThat(page.locator("#ticket-title")).containsText("Display problem");
    assertThat(page.locator(".entry-customer")).hasCount(2);
    assertThat(Http.get(node.http(), "/v1/tickets/" + source.get("id").asText(), token).body()
        .path("mergedInto").asText()).isEqualTo(target.get("id").asText());
  }

  @Test
  void slaClocksCountDownInTheColoursOfTheirState(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    // For this site's queue only: urgent breaches after a second, high is at risk at once.
    String policy = "Countdown " + UUID.randomUUID().toString().substring(0, 6);
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/sla-policies", token,
        "{\"name\":\"" + policy + "\",\"position\":1,\"conditions\":{\"queues\":[\""
            + fixtures.queueId + "\"]},\"warnPercent\":99,\"targets\":{\"first_response\":"
            + "{\"low\":36000,\"normal\":36000,\"high\":100,\"urgent\":1}}}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    typed.add(policy);
    try {
      Page page = signIn(admin, "en-US", 1280);
      // The agent switches desktop notifications on; the browser was told to allow them.
      page.context().grantPermissions(java.util.List.of("notifications"));
      page.locator("button[aria-controls=settings-menu]").click();
      page.locator("#desktop-toggle").check();
      assertThat(page.locator("#desktop-toggle")).isChecked();
      page.keyboard().press("Escape");
      JsonNode urgent = openTicket(token, "Site is down", "urgent", "Ivan Petrov");
      JsonNode high = openTicket(token, "Checkout slow", "high", "Ivan Petrov");
      JsonNode normal = openTicket(token, "Question about plans", "normal", "Ivan Petrov");
      // The breach is announced: a toast that links to the ticket, and a count on Tickets.
      assertThat(page.locator(".sla-toast", new Page.LocatorOptions().setHasText("breached"))
          .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(
              "#" + urgent.get("number").asText() + " Site is down"))).hasCount(1);
      assertThat(page.locator("[data-page=tickets] .nav-badge")).isVisible();
      Object shown = page.evaluate("() => JSON.stringify(window.__switchboardDesktop || [])");
      assertThat(String.valueOf(shown)).contains("SLA breached: First response of #"
          + urgent.get("number").asText()).contains("Site is down");
      go(page, "tickets/" + urgent.get("id").asText());
      assertThat(clock(page)).hasAttribute("data-state", "breached");
      assertThat(clock(page)).containsText("late");
      assertThat(page.locator(".sla-policy")).containsText(policy);
      go(page, "tickets/" + high.get("id").asText());
      assertThat(clock(page)).hasAttribute("data-state", "at_risk");
      go(page, "tickets/" + normal.get("id").asText());
      assertThat(clock(page)).hasAttribute("data-state", "running");
      String before = clock(page).locator(".sla-time").textContent();
      assertThat(clock(page).locator(".sla-time")).not().hasText(before);
      screenshot(page, info, "running");
      page.locator("#ticket-text").fill("Here is how the plans differ");
      page.locator("#ticket-send").click();
      assertThat(clock(page)).hasAttribute("data-state", "met");
      go(page, "tickets");
      page.locator("#ticket-view-all").click();
      assertThat(page.locator(".ticket-row", new Page.LocatorOptions().setHasText("Site is down"))
          .locator(".sla-badge")).hasAttribute("data-state", "breached");
    } finally {
      String id = Http.get(node.http(), "/v1/admin/sla-policies", token).body().findParents("name")
          .stream().filter(p -> p.get("name").asText().equals(policy)).findFirst()
          .map(p -> p.get("id").asText()).orElseThrow();
      Http.call("DELETE", node.http(), "/v1/admin/sla-policies/" + id, token, null);
    }
  }

  @Test
  void theTicketPageSpeaksChineseAndFitsAPhone(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(3);
    String token = token(agent);
    String id = openTicket(token, "Wrong size delivered", "high", "Wang Fang").get("id").asText();
    ticketCall(token, "POST", id, "/notes", "{\"text\":\"Stock checked\"}", 201);
    ticketCall(token, "POST", id, "/replies", "{\"text\":\"Sorry about that\"}", 201);
    ticketCall(token, "POST", id, "/calls", "{\"caller\":\"Wang Fang\",\"direction\":\"inbound\","
        + "\"startedAt\":\"2026-01-05T09:00:00Z\",\"durationSeconds\":240,\"summary\":"
        + "\"Asked for an exchange\",\"outcome\":\"Exchange sent\"}", 201);
    typed.addAll(List.of("Stock checked", "Sorry about that", "Asked for an exchange",
        "Exchange sent"));
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(agent, "zh-CN", width);
      go(page, "tickets/" + id);
      assertThat(page.locator(".entry")).hasCount(4);
      assertThat(page.locator(".entry-note .entry-kind")).hasText("内部备注");
      screenshot(page, info, "zh-" + width);
      found.put(width + " english", english(page, token, List.of()));
      found.put(width + " problems", problems(page));
      page.locator("#ticket-log-call").click();
      assertThat(page.locator("#call-outcome")).isVisible();
      found.put(width + " call dialog english", english(page, token, List.of()));
      found.put(width + " call dialog problems", problems(page));
      page.keyboard().press("Escape");
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }

  private static com.microsoft.playwright.Locator clock(Page page) {
    return page.locator(".sla-clock[data-metric=first_response]");
  }
}
