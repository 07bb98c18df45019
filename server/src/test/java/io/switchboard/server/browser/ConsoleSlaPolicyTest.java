package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin's SLA policies tab: the server's refusal shown next to the targets, a policy saved
 * with its conditions, targets (entered as hours:minutes, stored in seconds) and live chat targets
 * (seconds), moved up the
 * order and deleted; and the tab in Chinese and on a phone.
 */
class ConsoleSlaPolicyTest extends ConsoleTicketBrowserTest {

  @Test
  void anAdminWritesAPolicy(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String name = "Gold " + UUID.randomUUID().toString().substring(0, 6);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/sla");
    assertThat(page.locator("#admin-sla-table")).containsText("Contract default");

    page.locator("#admin-new-sla").click();
    page.locator("#sla-name").fill(name);
    page.locator("#sla-priorities input[value=urgent]").check();
    page.locator("#sla-queues input[value=" + fixtures.queueId + "]").check();
    page.locator("#sla-target-first_response-urgent").fill("0:00");
    page.locator("#sla-target-resolution-urgent").fill("8");
    page.locator("#sla-warnPercent").fill("20");
    page.locator("#sla-chatFirst").fill("45");
    page.locator("#sla-chatNext").fill("");
    page.locator("#sla-calendarQueue").selectOption(fixtures.queueId);
    page.locator("#sla-raisePriority").check();
    page.locator("#sla-save").click();
    // The server refuses a zero target; the console says so beside the targets.
    assertThat(page.locator("#sla-targets-error")).containsText("1 to");
    assertThat(page.locator("#sla-target-first_response-urgent"))
        .hasAttribute("aria-invalid", "true");
    screenshot(page, info, "refused");

    page.locator("#sla-target-first_response-urgent").fill("0:30");
    page.locator("#sla-save").click();
    assertThat(page.locator("#admin-sla-table tr", new Page.LocatorOptions().setHasText(name)))
        .containsText("Urgent");
    JsonNode saved = policy(token, name);
    assertThat(saved.path("targets").path("first_response").path("urgent").asLong())
        .isEqualTo(1800);
    assertThat(saved.path("targets").path("resolution").path("urgent").asLong())
        .isEqualTo(8 * 3600);
    assertThat(saved.path("conditions").path("queues").get(0).asText())
        .isEqualTo(fixtures.queueId);
    assertThat(saved.path("calendarQueue").asText()).isEqualTo(fixtures.queueId);
    assertThat(saved.path("warnPercent").asInt()).isEqualTo(20);
    assertThat(saved.path("actions").path("raisePriority").asBoolean()).isTrue();
    // Live chats: a first-response clock of 45 seconds and, left empty, no next-response clock.
    assertThat(saved.path("chatTargets").path("first_response").asLong()).isEqualTo(45);
    assertThat(saved.path("chatTargets").has("next_response")).isFalse();
    assertThat(page.locator("#sla-chatFirst")).hasValue("45");
    assertThat(page.locator("#sla-target-first_response-urgent")).hasValue("0:30");

    // Move it up one place: it now comes before the policy that was above it.
    List<String> order = names(token);
    int at = order.indexOf(name);
    if (at > 0) {
      page.locator("#admin-sla-table tr[data-policy=\"" + saved.get("id").asText()
          + "\"] [data-move=up]").click();
      String above = order.get(at - 1);
      page.waitForCondition(() -> {
        try {
          List<String> now = names(token);
          return now.indexOf(name) < now.indexOf(above);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    page.onDialog(dialog -> dialog.accept());
    page.locator("#admin-sla-table tr[data-policy=\"" + saved.get("id").asText() + "\"] .row-actions button").click();
    page.locator("#sla-delete").click();
    assertThat(page.locator("#admin-sla-table")).not().containsText(name);
    assertThat(names(token)).doesNotContain(name);
  }

  @Test
  void theTabSpeaksChineseAndFitsAPhone(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    List<String> data = new ArrayList<>(names(token));
    for (JsonNode queue : Http.get(node.http(), "/v1/admin/queues", token).body()) {
      data.addAll(List.of(queue.get("id").asText(), queue.get("name").asText()));
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(admin, "zh-CN", width);
      go(page, "admin/sla");
      assertThat(page.locator("#admin-sla-table")).containsText("Contract default");
      page.locator("#admin-new-sla").click();
      page.locator("#sla-name").fill("金牌");
      page.locator("#sla-target-first_response-high").fill("0:00");
      page.locator("#sla-save").click();
      assertThat(page.locator("#sla-targets-error")).containsText("1 到");
      screenshot(page, info, "zh-" + width);
      found.put(width + " english", english(page, token, data));
      found.put(width + " problems", problems(page));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }

  private JsonNode policy(String token, String name) throws Exception {
    for (JsonNode policy : Http.get(node.http(), "/v1/admin/sla-policies", token).body()) {
      if (policy.get("name").asText().equals(name)) {
        return policy;
      }
    }
    throw new AssertionError("no policy " + name);
  }

  private List<String> names(String token) throws Exception {
    List<String> names = new ArrayList<>();
    Http.get(node.http(), "/v1/admin/sla-policies", token).body()
        .forEach(policy -> names.add(policy.get("name").asText()));
    return names;
  }
}
