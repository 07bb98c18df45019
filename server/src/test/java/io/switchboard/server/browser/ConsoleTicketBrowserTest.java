package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared steps of the ticket screen tests: tickets made over REST as fixtures, a signed-in page
 * in a given language and width, and the checks every screen must pass (axe-core, no sideways
 * scrolling, no English on a Chinese screen).
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
abstract class ConsoleTicketBrowserTest extends ConsoleBrowserTest {

  /** Subjects, names and texts the tests typed: data, not untranslated words. */
  protected final List<String> typed = new ArrayList<>();

  protected String token(Fixtures.Agent user) throws Exception {
    return Http.agentToken(node.http(), user);
  }

  /** Opens a ticket in the fixtures' queue over REST; answers the ticket. */
  protected JsonNode openTicket(String token, String subject, String priority, String requester)
      throws Exception {
    typed.addAll(List.of(subject, requester, "Details of " + subject));
    Http.Reply reply = Http.call("POST", node.http(), "/v1/tickets", token, "{\"queue\":\""
        + fixtures.queueId + "\",\"subject\":\"" + subject + "\",\"priority\":\"" + priority
        + "\",\"body\":\"Details of " + subject + "\",\"requester\":{\"name\":\"" + requester
        + "\",\"email\":\"requester@example.com\"}}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return reply.body();
  }

  /** Any call on a ticket, checked for the expected HTTP status; answers the body. */
  protected JsonNode ticketCall(String token, String method, String id, String path, String json,
      int expected) throws Exception {
    Http.Reply reply = Http.call(method, node.http(), "/v1/tickets/" + id + path, token, json);
    assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(expected);
    return reply.body();
  }

  /** A signed-in console in {@code locale} ("en-US", "zh-CN") on a screen {@code width} wide. */
  protected Page signIn(Fixtures.Agent user, String locale, int width) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale(locale).setViewportSize(width, 900));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console");
    login(page, user);
    return page;
  }

  protected void go(Page page, String hash) {
    page.navigate(baseUrl() + "/console#/" + hash);
  }

  /** Serious axe findings and sideways scrolling on what the page shows now, once it settles. */
  @SuppressWarnings("unchecked")
  protected List<String> problems(Page page) {
    settle(page);
    List<String> found = new ArrayList<>(Accessibility.seriousViolations(page));
    found.addAll((List<String>) page.evaluate("""
        () => {
          const main = document.querySelector('main');
          const wide = (e) => e && e.scrollWidth > e.clientWidth + 1;
          return wide(document.documentElement) || wide(main)
            ? [`scrolls sideways: ${main.scrollWidth} > ${main.clientWidth}: `
              + [...main.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
                .slice(0, 4).map((e) => `${e.tagName}.${e.className}`).join(', ')]
            : [];
        }"""));
    return found;
  }

  /**
   * English words left on a Chinese screen, with what users typed taken out: the tickets the
   * caller sees (subjects, requesters), every queue's and user's name and the SLA policies' names.
   */
  protected List<String> english(Page page, String token, List<String> extra) throws Exception {
    settle(page);
    List<String> data = new ArrayList<>(typed);
    data.addAll(extra);
    for (JsonNode ticket : Http.get(node.http(), "/v1/tickets?view=all&limit=200", token).body()
        .path("tickets")) {
      data.addAll(List.of(ticket.path("subject").asText(), ticket.path("requester").path("name")
          .asText(), "Details of " + ticket.path("subject").asText()));
    }
    for (JsonNode queue : Http.get(node.http(), "/v1/queues", token).body()) {
      data.addAll(List.of(queue.path("id").asText(), queue.path("name").asText()));
    }
    for (JsonNode agent : Http.get(node.http(), "/v1/agents", token).body()) {
      data.add(agent.path("name").asText());
    }
    // Policies are for supervisors and admins to read; an admin reads them for any caller.
    String admin = token(fixtures.addUser(io.switchboard.server.access.Role.ADMIN, 1));
    for (JsonNode policy : Http.get(node.http(), "/v1/admin/sla-policies", admin).body()) {
      data.add(policy.path("name").asText());
    }
    data.addAll(List.of(fixtures.queueId, fixtures.siteId, "Support", "requester@example.com"));
    return UntranslatedText.find(page, data);
  }

  /** Waits until the view button's count shows {@code n}. */
  protected void assertCount(Page page, String view, int n) {
    assertThat(page.locator("[data-count=" + view + "]")).hasText(String.valueOf(n));
  }
}
