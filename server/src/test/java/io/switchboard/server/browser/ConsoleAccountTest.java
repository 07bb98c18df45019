package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A user renames themselves and changes their first password in the console, and signs in with
 * the new one; an invited user opens their link (in Chinese), chooses a password and signs in; a
 * user's chosen console language follows them to another browser.
 */
class ConsoleAccountTest extends ConsoleBrowserTest {

  @Test
  void aUserChangesTheirNameAndPasswordInTheConsole(TestInfo info) {
    Fixtures.Agent agent = fixtures.addAgent(1);
    Page page = openConsole();
    login(page, agent);
    page.locator("button[aria-controls=settings-menu]").click();
    page.locator("#menu-account").click();
    assertThat(page.locator("h1")).hasText("Your account");

    page.locator("#account-name").fill("Grace H.");
    page.locator("#account-name").press("Enter");
    assertThat(page.locator("#account-name-status")).hasText("Saved.");
    assertThat(page.locator(".me-label")).hasText("Grace H.");

    page.locator("#account-current").fill("not my password");
    page.locator("#account-new").fill("my new long password");
    page.locator("#account-repeat").fill("my new long password");
    page.locator("#account-repeat").press("Enter");
    assertThat(page.locator("#account-password-status")).hasText("The current password is wrong.");
    page.locator("#account-current").fill(agent.password());
    page.locator("#account-repeat").fill("something else entirely");
    page.locator("#account-repeat").press("Enter");
    assertThat(page.locator("#account-password-status")).hasText("The two new passwords differ.");
    page.locator("#account-repeat").fill("my new long password");
    page.locator("#account-repeat").press("Enter");
    assertThat(page.locator("#account-password-status"))
        .hasText("Password changed. Your other sign-ins were signed out.");
    screenshot(page, info, "account");

    Page again = openConsole();
    fillLogin(again, agent.email(), "my new long password");
    assertThat(again.locator(".topbar")).isVisible();
  }

  @Test
  void anInvitedUserChoosesTheirPasswordThroughTheLinkInChinese(TestInfo info) throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String email = "invited-" + UUID.randomUUID() + "@example.test";
    String path = Http.call("POST", node.http(), "/v1/admin/users", admin, "{\"email\":\"" + email
        + "\",\"name\":\"李雷\",\"role\":\"agent\"}").body().get("invitePath").asText();
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + path);
      assertThat(page.locator("#password-link-title")).hasText("设置您的密码");
      page.locator("#password-link-new").fill("short");
      page.locator("#password-link-repeat").fill("short");
      page.locator(".login-card button[type=submit]").click();
      assertThat(page.locator("#password-link-status")).hasText("新密码至少需要 12 个字符。");
      page.locator("#password-link-new").fill("一个足够长的新密码 2026");
      page.locator("#password-link-repeat").fill("一个足够长的新密码 2026");
      page.locator(".login-card button[type=submit]").click();
      assertThat(page.locator("#login-error")).hasText("密码已设置，请用它登录。");
      screenshot(page, info, "link-done-zh");
      fillLogin(page, email, "一个足够长的新密码 2026");
      assertThat(page.locator(".topbar")).isVisible();

      page.navigate(baseUrl() + path);
      page.reload();
      assertThat(page.locator("#password-link-status"))
          .hasText("此链接无效、已使用或已过期，请联系管理员获取新链接。");
    }
  }

  @Test
  void theChosenLanguageFollowsTheUserToAnotherBrowser(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(1);
    String token = Http.agentToken(node.http(), agent);
    org.assertj.core.api.Assertions.assertThat(Http.call("PUT", node.http(), "/v1/me/language",
        token, "{\"language\":\"fr\"}").status()).isEqualTo(400);
    Page page = openConsole();
    login(page, agent);
    page.navigate(baseUrl() + "/console#/account");
    page.locator("#account-language").selectOption("zh-CN");
    page.locator("form[aria-labelledby=account-language-title] button[type=submit]").click();
    assertThat(page.locator("main h1")).hasText("我的账户");
    org.assertj.core.api.Assertions.assertThat(Http.get(node.http(), "/v1/me", token).body()
        .get("language").asText()).isEqualTo("zh-CN");

    Page elsewhere = openConsole();
    fillLogin(elsewhere, agent.email(), agent.password());
    assertThat(elsewhere.locator(".nav-link[data-page=inbox]")).hasText("收件箱");
    screenshot(elsewhere, info, "language-followed");

    elsewhere.navigate(baseUrl() + "/console#/account");
    elsewhere.locator("#account-language").selectOption("");
    elsewhere.locator("form[aria-labelledby=account-language-title] button[type=submit]")
        .click();
    assertThat(elsewhere.locator("main h1")).hasText("Your account");
  }
}
