package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The sign-in page speaks the user's language and, once an account is locked after too many
 * wrong passwords, says when to try again instead of showing a raw server message: in English,
 * and in Chinese for a browser set to zh-CN.
 */
class ConsoleLoginLockoutTest extends ConsoleBrowserTest {

  @Test
  void aLockedAccountIsToldWhenToTryAgainInEnglish(TestInfo info) {
    Fixtures.Agent agent = fixtures.addAgent(1);
    Page page = openConsole();
    fillLogin(page, agent.email(), "wrong password");
    assertThat(page.locator("#login-error")).hasText("The email or the password is wrong.");
    for (int i = 0; i < 5; i++) {
      fillLogin(page, agent.email(), "wrong password " + i);
    }
    assertThat(page.locator("#login-error"))
        .hasText(java.util.regex.Pattern.compile("Too many sign-in attempts\\. Try again in \\d+ seconds\\."));
    fillLogin(page, agent.email(), agent.password());
    assertThat(page.locator("#login-error")).containsText("Too many sign-in attempts");
    screenshot(page, info, "locked-en");
  }

  @Test
  void aLockedAccountIsToldWhenToTryAgainInChinese(TestInfo info) {
    Fixtures.Agent agent = fixtures.addAgent(1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.navigate(baseUrl() + "/console");
      assertThat(page.getByRole(AriaRole.HEADING,
          new Page.GetByRoleOptions().setName("登录 Switchboard"))).isVisible();
      for (int i = 0; i < 6; i++) {
        page.getByLabel("邮箱").fill(agent.email());
        page.getByLabel("密码", new Page.GetByLabelOptions().setExact(true)).fill("错误的密码 " + i);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
        assertThat(page.locator("#login-error")).isVisible();
      }
      assertThat(page.locator("#login-error"))
          .hasText(java.util.regex.Pattern.compile("登录尝试次数过多，请 \\d+ 秒后再试。"));
      screenshot(page, info, "locked-zh");
    }
  }
}
