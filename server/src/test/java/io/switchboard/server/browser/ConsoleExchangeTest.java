package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The import and export tab: an admin uploads a CSV file with a bad row, maps its columns over
 * the preview, sees every row's outcome in a dry run, imports with progress to done and downloads
 * the refused rows; in Chinese on a 360 px screen the same works, fits and passes axe.
 */
class ConsoleExchangeTest extends ConsoleBrowserTest {

  private static FilePayload csv() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String text = "Email,Full name,Stage\nann-" + suffix + "@example.com,王芳,lead\n"
        + "broken-address,Bad Row,lead\n";
    return new FilePayload("contacts.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
  }

  private void dryRunThenImport(Page page, String created, String refused, String done) {
    page.locator("#exchange-import-site").selectOption(fixtures.siteId);
    page.locator("#exchange-file").setInputFiles(csv());
    assertThat(page.locator("#exchange-preview tbody tr")).hasCount(2);
    // Columns named like a field are mapped already; the others are chosen by hand.
    assertThat(page.locator("#exchange-map-0")).hasValue("email");
    assertThat(page.locator("#exchange-map-1")).hasValue("");
    page.locator("#exchange-map-1").selectOption("name");
    page.locator("#exchange-map-2").selectOption("stage");

    page.locator("#exchange-dry-run").click();
    assertThat(page.locator("#exchange-report tr")).hasCount(2);
    assertThat(page.locator("#exchange-report tr").nth(0)).containsText(created);
    assertThat(page.locator("#exchange-report tr").nth(1)).containsText(refused);
    assertThat(page.locator("#exchange-report tr").nth(1)).containsText("invalid_email");

    page.locator("#exchange-run").click();
    assertThat(page.locator("#exchange-import-status")).containsText(done);
    assertThat(page.locator("#exchange-import-progress")).hasAttribute("value", "1");
    assertThat(page.locator("#exchange-refused")).isVisible();
  }

  @Test
  void anAdminDryRunsImportsAndDownloadsTheRefusedRows(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    Page page = openConsole();
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/exchange");
    assertThat(page.locator("h1")).hasText("Import and export");

    dryRunThenImport(page, "created", "refused", "Created 1");
    Download download = page.waitForDownload(() -> page.locator("#exchange-refused").click());
    String refused = Files.readString(download.path(), StandardCharsets.UTF_8);
    assertThat(refused).startsWith("\uFEFFEmail,Full name,Stage,reason")
        .contains("broken-address,Bad Row,lead,invalid_email");
    screenshot(page, info, "01-import");

    page.locator("#exchange-export-kind").selectOption("contacts");
    page.locator("#exchange-export-site").selectOption(fixtures.siteId);
    page.locator("#exchange-export").click();
    assertThat(page.locator("#exchange-download")).isVisible();
    Download export = page.waitForDownload(() -> page.locator("#exchange-download").click());
    assertThat(Files.readString(export.path(), StandardCharsets.UTF_8)).contains("王芳");
  }

  @Test
  void theTabInChineseWorksFitsAPhoneAndPassesAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/exchange");
      fillLogin(page, admin.email(), admin.password());
      assertThat(page.locator("h1")).hasText("导入与导出");
      dryRunThenImport(page, "新建", "拒绝", "新建 1");
      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(0);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      screenshot(page, info, "exchange-zh-360");
    }
  }
}
