package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The agent's status comes back from the server after a reload (not only from the browser's
 * memory), and the notification settings persist.
 */
class ConsoleStatusReloadTest extends ConsoleBrowserTest {
  @Test
  void awaySurvivesReload(TestInfo info) {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Page page = openConsole();
    login(page, agent);
    setStatus(page, "away");
    assertThat(page.locator(".status-dot")).hasAttribute("data-status", "away");

    page.getByLabel("Settings").click();
    page.getByLabel("Sound for new chats").uncheck();
    page.keyboard().press("Escape");
    assertThat(page.getByRole(AriaRole.MENU)).isHidden();
    screenshot(page, info, "01-away");

    // Forget the browser's copy: after the reload the status must come from the server.
    page.evaluate("id => localStorage.removeItem('switchboard.console.status.' + id)", agent.id().toString());
    page.reload();
    assertThat(page.locator(".connection")).hasAttribute("data-state", "open");
    assertThat(page.getByLabel("Your status")).hasValue("away");
    assertThat(page.locator(".status-dot")).hasAttribute("data-status", "away");
    page.getByLabel("Settings").click();
    assertThat(page.getByLabel("Sound for new chats")).not().isChecked();
    assertThat(page.getByLabel("Count in the tab title")).isChecked();
    screenshot(page, info, "02-after-reload");
    page.keyboard().press("Escape");

    // Signing out revokes the token and returns to the login page, also after a reload.
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out").setExact(true)).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Switchboard")))
        .isVisible();
    page.reload();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in to Switchboard")))
        .isVisible();
  }
}
