package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The sites tab of the admin page: an admin creates a site, sees its embed code, has a bad
 * colour refused next to the field, edits what the widget shows (a label and the offline text,
 * seen in the widget at once), makes an identity secret and sets the files the site takes (a
 * refusal beside its field first); in Chinese on a 360 px screen the tab speaks Chinese, fits
 * the screen, is reachable by keyboard and has no serious axe findings.
 */
class ConsoleSitesTest extends ConsoleBrowserTest {

  @Test
  void anAdminCreatesASiteAndEditsWhatTheWidgetShows(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String adminToken = Http.agentToken(node.http(), admin);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sites")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sites")
        .setExact(true)).first()).isVisible();
    assertThat(page.locator("#admin-site-table tr[data-site='" + fixtures.siteId + "']"))
        .isVisible();

    String id = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    page.locator("#admin-new-site").click();
    assertThat(page.locator("#site-form-title")).hasText("New site");
    page.getByLabel("Site id").fill(id);
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Corner shop");
    page.getByLabel("Brand colour").fill("blue");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create site")).click();
    assertThat(page.locator("[data-field=brandColor] .field-error"))
        .containsText("brandColor: a colour as #rrggbb");
    assertThat(page.getByLabel("Brand colour")).hasAttribute("aria-invalid", "true");
    page.getByLabel("Brand colour").fill("#aa3300");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create site")).click();
    assertThat(page.locator("#site-form-title")).hasText("Settings of Corner shop");
    JsonNode created = Http.get(node.http(), "/v1/admin/sites/" + id, adminToken).body();
    assertThat(created.get("brandColor").asText()).isEqualTo("#aa3300");
    assertThat(page.locator("#site-embed")).hasValue(
        "<script src=\"" + baseUrl() + "/widget.js\" data-site=\""
            + created.get("siteKey").asText() + "\" async></script>");

    page.locator("#identity-new-secret").click();
    assertThat(page.locator("#identity-secret")).isFocused();
    assertThat(page.locator("#identity-secret")).hasValue(java.util.regex.Pattern.compile(".{20,}"));
    assertThat(page.locator("#identity-keys tbody tr[data-key]")).hasCount(1);
    page.getByLabel("Only verified visitors may chat").check();
    assertThat(page.locator("#toasts")).containsText("Verification settings saved.");
    assertThat(Http.get(node.http(), "/v1/admin/sites/" + id + "/identity", adminToken).body()
        .get("enforced").asBoolean()).isTrue();
    screenshot(page, info, "01-new-site");

    // The files a site takes: a refusal beside its field, then smaller limits and fewer types.
    assertThat(page.locator("#files-maxFile")).hasValue("10");
    page.locator("#files-maxFile").fill("2");
    page.locator("#files-maxMessage").fill("1");
    page.locator("#files-save").click();
    assertThat(page.locator("#files-maxMessage-error")).containsText("at least maxFileBytes");
    page.locator("#files-maxMessage").fill("4.5");
    page.locator("#files-allowedTypes").fill("image/png, application/pdf");
    page.locator("#files-save").click();
    assertThat(page.locator("#toasts")).containsText("File rules of");
    JsonNode files = Http.get(node.http(), "/v1/admin/sites/" + id + "/attachments", adminToken)
        .body();
    assertThat(files.get("maxFileBytes").asLong()).isEqualTo(2L * 1024 * 1024);
    assertThat(files.get("maxMessageBytes").asLong()).isEqualTo(4_718_592L);
    assertThat(files.get("allowedTypes").toString())
        .isEqualTo("[\"image/png\",\"application/pdf\"]");

    Locator row = page.locator("#admin-site-table tr[data-site='" + fixtures.siteId + "']");
    row.getByRole(AriaRole.BUTTON).click();
    page.getByLabel("Name: label (English)").fill("Your full name");
    page.getByLabel("Offline form text (English)").fill("Leave us a note, we answer by email.");
    page.getByLabel("Phone: asked").selectOption("hidden");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save site")).click();
    assertThat(page.locator("#toasts")).containsText("saved");

    try (BrowserContext visitor = browser.newContext()) {
      Page shop = visitor.newPage();
      shop.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey);
      shop.locator("#switchboard-launcher").click();
      FrameLocator widget = shop.frameLocator("iframe#switchboard-chat-frame");
      assertThat(widget.getByLabel("Your full name")).isVisible();
      assertThat(widget.locator("[data-field=phone]")).hasCount(0);
    }
  }

  @Test
  void aNewSiteTypedWhileTheListLoadsKeepsWhatWasTyped() {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    Page page = openConsole();
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/users");
    assertThat(page.locator("#user-form-title")).isVisible();
    Runnable release = openTabWithListHeld(page, "Sites", "**/v1/admin/sites");
    page.locator("#admin-new-site").click();
    String id = "late-" + UUID.randomUUID().toString().substring(0, 6);
    page.getByLabel("Site id").fill(id);
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Late shop");
    release.run();
    assertThat(page.locator("#admin-site-table tr[data-site='" + fixtures.siteId + "']"))
        .isVisible();
    assertThat(page.locator("#site-form-title")).hasText("New site");
    assertThat(page.getByLabel("Site id")).hasValue(id);
    assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)))
        .hasValue("Late shop");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create site")).click();
    assertThat(page.locator("#site-form-title")).hasText("Settings of Late shop");
    assertThat(page.locator("#admin-site-table tr[data-site='" + id + "']")).isVisible();
  }

  @Test
  void theSitesTabInChineseFitsAPhoneAndPassesAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/sites");
      fillLogin(page, admin.email(), admin.password());
      assertThat(page.locator("#site-form-title")).isVisible();
      assertThat(page.locator(".tab-link[aria-current=page]")).hasText("站点");
      assertThat(page.locator("#admin-new-site")).hasText("+新建站点");
      assertThat(page.locator("#site-form-title")).containsText("的设置");
      assertThat(page.locator("#identity-title")).hasText("身份验证");
      assertThat(page.locator("#files-title")).hasText("文件");
      assertThat(page.getByLabel("品牌颜色")).isVisible();

      Object overflow = page.evaluate(
          "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      Object wide = page.evaluate("() => [...document.querySelectorAll('body *')]"
          + ".filter((e) => e.getBoundingClientRect().right > innerWidth + 1)"
          + ".slice(0, 8).map((e) => e.tagName + '#' + e.id + '.' + e.className"
          + " + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
      assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px: " + wide)
          .isLessThanOrEqualTo(0);

      page.locator(".tab-link[aria-current=page]").focus();
      boolean reached = false;
      for (int i = 0; i < 20 && !reached; i++) {
        page.keyboard().press("Tab");
        reached = Boolean.TRUE.equals(page.evaluate(
            "() => document.activeElement?.id === 'admin-new-site'"));
      }
      assertThat(reached).as("the new-site button is reached with Tab").isTrue();
      page.keyboard().press("Enter");
      assertThat(page.locator("#site-form-title")).hasText("新建站点");
      assertThat(page.getByLabel("站点 ID")).isFocused();
      // The server's refusal is said in Chinese next to the field.
      page.getByLabel("站点 ID").fill("zh-" + UUID.randomUUID().toString().substring(0, 6));
      page.getByLabel("名称", new Page.GetByLabelOptions().setExact(true)).fill("中文站点");
      page.getByLabel("品牌颜色").fill("蓝色");
      page.locator("#site-form button[type=submit]").click();
      assertThat(page.locator("[data-field=brandColor] .field-error"))
          .hasText("颜色格式为 #rrggbb，例如 #2563eb。");
      screenshot(page, info, "sites-zh-360");

      assertThat(Accessibility.seriousViolations(page)).isEmpty();
    }
  }
}
