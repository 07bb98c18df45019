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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The users and teams tabs of the admin page: an admin invites a user (and gets the link that
 * sets their password), changes their role, disables them (their sign-in stops working at once)
 * and enables them again, and puts them in a new team that owns the site's queue; a new team typed
 * while the tab's lists are still loading keeps what was typed; in Chinese on a phone both tabs
 * speak Chinese, fit the screen and have no serious axe findings.
 */
class ConsolePeopleTest extends ConsoleBrowserTest {

  @Test
  void anAdminInvitesEditsDisablesAndTeamsUpAUser(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String adminToken = Http.agentToken(node.http(), admin);
    Page page = openConsole();
    page.onDialog(dialog -> dialog.accept());
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/users");
    assertThat(page.locator("#user-form-title")).isVisible();

    String email = "newcomer-" + UUID.randomUUID() + "@example.test";
    page.locator("#admin-new-user").click();
    assertThat(page.getByLabel("Email")).isFocused();
    page.getByLabel("Email").fill("not an address");
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Newcomer");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")
        .setExact(true)).last().click();
    assertThat(page.locator("[data-field=email] .field-error")).containsText("email:");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Role").selectOption("agent");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add user")
        .setExact(true)).last().click();
    assertThat(page.locator("#user-link")).isFocused();
    String link = page.locator("#user-link").inputValue();
    assertThat(link).startsWith(baseUrl() + "/console#/password/");
    assertThat(page.locator("#user-form-title")).hasText("User Newcomer");
    String userId = findUser(adminToken, email).get("id").asText();

    page.getByLabel("Role").selectOption("supervisor");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save user")).click();
    assertThat(page.locator("#admin-user-table tr[data-user='" + userId + "'] td").first())
        .hasText("Supervisor");

    String password = "a password long enough";
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(Http.call("POST", node.http(), "/v1/password-links/" + token, null,
        "{\"password\":\"" + password + "\"}").status()).isEqualTo(204);
    String userToken = login(email, password);
    page.locator("#user-disable").click();
    assertThat(page.locator("#user-enable")).isFocused();
    assertThat(page.locator("#admin-user-table tr[data-user='" + userId + "']"))
        .containsText("Disabled");
    assertThat(Http.get(node.http(), "/v1/me", userToken).status())
        .as("a disabled user's login stops working").isEqualTo(401);
    page.locator("#user-enable").click();
    assertThat(page.locator("#user-disable")).isFocused();
    assertThat(login(email, password)).isNotNull();
    screenshot(page, info, "01-user");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams")).click();
    String teamId = "night-" + UUID.randomUUID().toString().substring(0, 6);
    page.locator("#admin-new-team").click();
    page.getByLabel("Team id").fill(teamId);
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Night shift");
    page.locator("#team-members input[value='" + userId + "']").check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team")).click();
    assertThat(page.locator("#team-form-title")).hasText("Team Night shift");
    assertThat(page.locator("#admin-team-table tr[data-team='" + teamId + "']")).containsText("1");
    boolean member = false;
    for (JsonNode each : Http.get(node.http(), "/v1/teams", adminToken).body()) {
      if (each.get("id").asText().equals(teamId)) {
        member = each.get("members").toString().contains(userId);
      }
    }
    assertThat(member).as("the team has the new user").isTrue();
    page.locator("#team-delete").click();
    assertThat(page.locator("#admin-team-table tr[data-team='" + teamId + "']")).hasCount(0);
  }

  @Test
  void aNewTeamTypedWhileTheListsLoadKeepsWhatWasTyped() {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    Page page = openConsole();
    login(page, admin);
    page.navigate(baseUrl() + "/console#/admin/users");
    assertThat(page.locator("#user-form-title")).isVisible();
    Runnable release = openTabWithListHeld(page, "Teams", "**/v1/teams");
    page.locator("#admin-new-team").click();
    String teamId = "late-" + UUID.randomUUID().toString().substring(0, 6);
    page.getByLabel("Team id").fill(teamId);
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Late list");
    release.run();
    page.locator("#team-members input[value='" + admin.id() + "']").check();
    assertThat(page.getByLabel("Team id")).hasValue(teamId);
    assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)))
        .hasValue("Late list");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team")).click();
    assertThat(page.locator("#team-form-title")).hasText("Team Late list");
    assertThat(page.locator("#admin-team-table tr[data-team='" + teamId + "']")).containsText("1");
  }

  @Test
  void theUsersAndTeamsTabsInChineseFitAPhoneAndPassAxe(TestInfo info) {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add(error));
      page.navigate(baseUrl() + "/console#/admin/users");
      fillLogin(page, admin.email(), admin.password());
      assertThat(page.locator("#user-form-title")).containsText("用户");
      assertThat(page.locator("#user-disable")).hasText("停用");
      assertThat(page.locator(".nav-link[aria-current=page]")).hasText("管理");
      assertNoSidewaysScrolling(page);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
      screenshot(page, info, "users-zh-360");

      page.locator(".tab-link[data-section=teams]").click();
      assertThat(page.locator("#team-form-title")).containsText("团队");
      assertThat(page.locator("#admin-new-team")).hasText("+新建团队");
      assertNoSidewaysScrolling(page);
      assertThat(Accessibility.seriousViolations(page)).isEmpty();
    }
  }

  private static void assertNoSidewaysScrolling(Page page) {
    Object overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 360 px")
        .isLessThanOrEqualTo(0);
  }

  private JsonNode findUser(String adminToken, String email) throws Exception {
    for (JsonNode user : Http.get(node.http(), "/v1/admin/users", adminToken).body()) {
      if (user.get("email").asText().equals(email)) {
        return user;
      }
    }
    throw new AssertionError("no user " + email);
  }

  private String login(String email, String password) throws Exception {
    Http.Reply reply = Http.post(node.http(), "/v1/agents/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(reply.status()).as(email).isEqualTo(200);
    return reply.body().get("token").asText();
  }
}
