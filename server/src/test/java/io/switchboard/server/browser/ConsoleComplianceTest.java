package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import java.nio.file.Files;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The compliance reports tab: an admin generates last month's report, sees it listed and downloads
 * its PDF and its Chinese CSV; in Chinese on a 360 px screen the tab speaks Chinese, fits, is
 * worked with the keyboard and has no serious axe findings.
 */
class ConsoleComplianceTest extends ConsoleBrowserTest {
  private static final String LAST_MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();

  @Test
  void anAdminGeneratesAndDownloadsLastMonthsReport(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    Page page = openConsole();
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/compliance");
    assertThat(page.getByLabel("Month")).hasValue(LAST_MONTH);
    page.locator("#compliance-generate").click();
    var row = page.locator("#compliance-table tbody tr[data-scope=all][data-month='"
        + LAST_MONTH + "']");
    assertThat(row).isVisible();
    assertThat(row).containsText("Whole installation");

    Download pdf = page.waitForDownload(() ->
        row.locator("button[data-lang=en][data-format=pdf]").click());
    assertThat(Files.readAllBytes(pdf.path())).startsWith('%', 'P', 'D', 'F');
    assertThat(pdf.suggestedFilename()).isEqualTo("compliance-" + LAST_MONTH + "-all-en.pdf");
    Download csv = page.waitForDownload(() ->
        row.locator("button[data-lang=zh-CN][data-format=csv]").click());
    String text = Files.readString(csv.path());
    assertThat(text).startsWith("\uFEFF").contains("availability.percent", "可用性");
    screenshot(page, info, "01-compliance");
  }

  @Test
  void theComplianceTabInChineseFitsAPhoneWorksByKeyboardAndPassesAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/compliance");
      fillLogin(page, admin.email(), admin.password());
      assertThat(page.locator(".tab-link[aria-current=page]")).hasText("合规报告");
      assertThat(page.locator("#compliance-generate")).hasText("生成");
      page.locator("#compliance-generate").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#compliance-table tbody tr[data-scope=all]").first())
          .containsText("全部站点");
      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(0);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      screenshot(page, info, "compliance-zh-360");
    }
  }
}
