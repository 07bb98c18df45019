package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.availability.ProbeResult;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Availability in the console: the wall's card (the status now from the latest probes, this
 * month's figure against 99.9%), the admin's maintenance tab (declare, refused when the end is
 * not after the start, delete), and both in Chinese, on a phone, by keyboard and without serious
 * axe findings.
 */
class ConsoleAvailabilityTest extends ConsoleTicketBrowserTest {

  /**
   * Successful probes of a node of this test's own in the current minute and the one before: the
   * month's figure counts finished minutes only, so a node started seconds ago has none of its
   * own yet.
   */
  private static void probedUpNow() {
    Instant now = Instant.now();
    ProbeResultDao probes = new ProbeResultDao(node.node().database().jdbi());
    for (int minutesAgo = 1; minutesAgo >= 0; minutesAgo--) {
      Instant minute = now.truncatedTo(ChronoUnit.MINUTES).minus(minutesAgo, ChronoUnit.MINUTES);
      probes.record(new ProbeResult(minute, "browser-" + UUID.randomUUID(), true, 42, null,
          minute.plusSeconds(1)));
    }
  }

  @Test
  void theWallShowsTheStatusAndTheMonthsFigure(TestInfo info) throws Exception {
    probedUpNow();
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    Page page = signIn(supervisor, "en-US", 1280);
    go(page, "wall");
    assertThat(page.locator("#wall-availability-status")).hasText("Up");
    assertThat(page.locator("#wall-availability-status")).hasAttribute("data-status", "up");
    assertThat(page.locator("#wall-availability-probe")).containsText("Last probe");
    assertThat(page.locator("#wall-availability-month")).containsText("target 99.9%");
    assertThat(page.locator("#wall-availability-details")).containsText("allowed");
    screenshot(page, info, "wall");
  }

  @Test
  void anAdminDeclaresAndDeletesAMaintenanceWindowByKeyboard(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String reason = "Database upgrade " + UUID.randomUUID().toString().substring(0, 6);
    Page page = signIn(admin, "en-US", 1280);
    go(page, "admin/maintenance");
    assertThat(page.locator("#admin-maintenance-table")).isVisible();
    page.locator("#maintenance-start").fill("2031-05-01T10:00");
    page.locator("#maintenance-end").fill("2031-05-01T09:00");
    page.locator("#maintenance-reason").fill(reason);
    page.locator("#maintenance-reason").focus();
    page.keyboard().press("Tab");
    page.keyboard().press("Enter");
    assertThat(page.locator("#maintenance-end-error")).containsText("after the start");
    page.locator("#maintenance-end").fill("2031-05-01T11:30");
    page.locator("#maintenance-declare").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#admin-maintenance-table")).containsText(reason);
    JsonNode window = window(token, reason);
    assertThat(Instant.parse(window.get("end").asText())).isEqualTo(
        Instant.parse(window.get("start").asText()).plusSeconds(90 * 60));
    screenshot(page, info, "declared");

    page.onDialog(dialog -> dialog.accept());
    page.locator("#admin-maintenance-table tr[data-window=\"" + window.get("id").asText()
        + "\"] .row-actions button").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#admin-maintenance-table")).not().containsText(reason);
    assertThat(Http.get(node.http(), "/v1/maintenance-windows", token).body().toString())
        .doesNotContain(reason);
  }

  @Test
  void bothScreensSpeakChineseAndFitAPhone(TestInfo info) throws Exception {
    probedUpNow();
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String reason = "数据库升级 " + UUID.randomUUID().toString().substring(0, 6);
    assertThat(Http.call("POST", node.http(), "/v1/maintenance-windows", token,
        "{\"start\":\"2031-06-01T01:00:00Z\",\"end\":\"2031-06-01T02:00:00Z\",\"reason\":\""
            + reason + "\"}").status()).isEqualTo(201);
    List<String> data = new ArrayList<>();
    for (JsonNode window : Http.get(node.http(), "/v1/maintenance-windows", token).body()
        .get("windows")) {
      data.addAll(List.of(window.get("reason").asText(), window.get("createdBy").asText()));
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(admin, "zh-CN", width);
      go(page, "wall");
      assertThat(page.locator("#wall-availability-status")).hasText("正常");
      assertThat(page.locator("#wall-availability-month")).containsText("目标 99.9%");
      screenshot(page, info, "wall-zh-" + width, false);
      found.put(width + " wall english", cardEnglish(page));
      found.put(width + " wall problems", problems(page));
      go(page, "admin/maintenance");
      assertThat(page.locator("#admin-maintenance-table")).containsText(reason);
      assertThat(page.locator("#maintenance-form-title")).hasText("声明维护窗口");
      screenshot(page, info, "maintenance-zh-" + width);
      found.put(width + " maintenance english", english(page, token, data));
      found.put(width + " maintenance problems", problems(page));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
  }

  /**
   * English words in the wall's availability card (its text and labels): the rest of the wall
   * lists other tests' visitors and users by name, which are data.
   */
  @SuppressWarnings("unchecked")
  private static List<String> cardEnglish(Page page) {
    return (List<String>) page.evaluate("""
        () => {
          const card = document.querySelector('.availability-card');
          const texts = [card.innerText, ...[...card.querySelectorAll('[aria-label]')]
            .map((e) => e.getAttribute('aria-label'))];
          return texts.flatMap((text) => text.match(/[A-Za-z]{2,}/g) || []);
        }""");
  }

  private JsonNode window(String token, String reason) throws Exception {
    for (JsonNode window : Http.get(node.http(), "/v1/maintenance-windows", token).body()
        .get("windows")) {
      if (window.get("reason").asText().equals(reason)) {
        return window;
      }
    }
    throw new AssertionError("no window " + reason);
  }
}
