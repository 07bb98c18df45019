package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The sites tab's data retention card in a real browser: an admin turns retention on for a site
 * (a bad number of days refused beside the field) and the server holds it; in Chinese at 360 px
 * the card fits, is reached by keyboard and has no serious axe findings.
 */
class ConsoleRetentionTest extends ConsoleBrowserTest {

  @Test
  void anAdminTurnsRetentionOnForASite(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String adminToken = Http.agentToken(node.http(), admin);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sites")).click();
    page.locator("#admin-site-table tr[data-site='" + fixtures.siteId + "'] button").first()
        .click();
    assertThat(page.locator("#retention-title")).hasText("Data retention");
    assertThat(page.getByLabel("Remove old chats and tickets")).not().isChecked();
    assertThat(page.getByLabel("After (days)")).hasValue("365");
    page.getByLabel("Remove old chats and tickets").check();
    page.getByLabel("After (days)").fill("0");
    page.locator("#retention-save").click();
    assertThat(page.locator("#retention-days-error"))
        .hasText("A whole number of days from 1 to 36500.");
    page.getByLabel("After (days)").fill("180");
    page.getByLabel("What happens").selectOption("anonymise");
    page.locator("#retention-save").click();
    assertThat(page.locator("#toasts")).containsText("Retention of");
    JsonNode stored = Http.get(node.http(), "/v1/admin/sites/" + fixtures.siteId + "/retention",
        adminToken).body();
    assertThat(stored.get("enabled").asBoolean()).isTrue();
    assertThat(stored.get("days").asInt()).isEqualTo(180);
    assertThat(stored.get("mode").asText()).isEqualTo("anonymise");
    screenshot(page, info, "retention-en");
    Http.call("PUT", node.http(), "/v1/admin/sites/" + fixtures.siteId + "/retention",
        adminToken, "{\"enabled\":false}");
  }

  @Test
  void theRetentionCardInChineseFitsAPhoneIsReachedByKeyboardAndPassesAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/sites");
      fillLogin(page, admin.email(), admin.password());
      page.locator("#admin-site-table tr[data-site='" + fixtures.siteId + "'] button").first()
          .click();
      assertThat(page.locator("#retention-title")).hasText("数据保留");
      assertThat(page.getByLabel("保留期限（天）")).isVisible();
      assertThat(page.getByLabel("处理方式")).isVisible();
      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(0);
      page.locator("#retention-enabled").focus();
      boolean reached = false;
      for (int i = 0; i < 6 && !reached; i++) {
        page.keyboard().press("Tab");
        reached = Boolean.TRUE.equals(page.evaluate(
            "() => document.activeElement?.id === 'retention-save'"));
      }
      assertThat(reached).as("the save button is reached with Tab").isTrue();
      page.getByLabel("保留期限（天）").fill("abc");
      page.keyboard().press("Enter");
      assertThat(page.locator("#retention-days-error")).hasText("请输入 1 到 36500 之间的整数天数。");
      page.locator("#retention-card").scrollIntoViewIfNeeded();
      screenshot(page, info, "retention-zh-360");
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
    }
  }
}
