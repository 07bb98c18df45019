package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The audit log tab: an admin finds a change another admin made by filtering on who and what,
 * verifies the hash chain and exports what the filters select as CSV; in Chinese on a 360 px
 * screen the tab speaks Chinese, fits and has no serious axe findings.
 */
class ConsoleAuditTest extends ConsoleBrowserTest {

  @Test
  void anAdminFiltersVerifiesAndExportsTheAuditLog(TestInfo info) throws Exception {
    Fixtures.Agent other = fixtures.addUser(Role.ADMIN, 1);
    String siteId = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Http.call("POST", node.http(), "/v1/admin/sites",
        Http.agentToken(node.http(), other), "{\"id\":\"" + siteId + "\",\"name\":\"Audited\"}")
        .status()).isEqualTo(201);
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    Page page = openConsole();
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/audit");
    assertThat(page.locator("#audit-table")).isVisible();

    page.getByLabel("Who (user)").selectOption(other.id().toString());
    page.getByLabel("Action").fill("POST /v1/admin/sites");
    page.getByLabel("Action").press("Enter");
    assertThat(page.locator("#audit-table tbody tr")).hasCount(1);
    assertThat(page.locator("#audit-table tbody tr")).containsText(siteId);
    assertThat(page.locator("#audit-table tbody tr")).containsText(other.name() + " (admin)");

    page.locator("#audit-verify").click();
    assertThat(page.locator("#audit-verdict")).containsText("The chain is intact");

    Download download = page.waitForDownload(() -> page.locator("#audit-export").click());
    String csv = Files.readString(download.path());
    assertThat(csv).startsWith("id,at,actor_id,actor_role,action,target_type,target_id");
    assertThat(csv).contains(siteId).doesNotContain("login.");
    screenshot(page, info, "01-audit");
  }

  @Test
  void theAuditTabInChineseFitsAPhoneAndPassesAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/audit");
      fillLogin(page, admin.email(), admin.password());
      assertThat(page.locator(".tab-link[aria-current=page]")).hasText("审计日志");
      assertThat(page.locator("#audit-verify")).hasText("校验哈希链");
      assertThat(page.locator("#audit-table tbody tr").first()).isVisible();
      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(0);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      screenshot(page, info, "audit-zh-360");
    }
  }
}
