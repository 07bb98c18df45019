package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin page's agents table a page at a time: 25 agents a page, next and previous from the
 * keyboard, a search by name that finds an agent on any page, in English and (at 360 px, with
 * axe, with a row's queues opened from the keyboard) in Chinese. A row's checkbox per queue is
 * drawn when the row's queues are opened: drawing every agent at once took seconds on a site with
 * hundreds of agents and queues, and 25 rows of hundreds of checkboxes a minute for axe-core.
 */
class ConsoleAdminAgentPagesTest extends ConsoleBrowserTest {
  private static final Pattern FIRST_PAGE = Pattern.compile("^1–25 of \\d+$");

  @Test
  void agentsComeTwentyFiveAPageAndTheSearchFindsOneOnAnyPage(TestInfo info) throws Exception {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent admin = site.addUser(Role.ADMIN, 1);
    List<Fixtures.Agent> agents = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      agents.add(site.addAgent(1));
    }
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    Locator rows = page.locator("#admin-agent-table tbody tr");
    assertThat(rows).hasCount(25);
    assertThat(page.locator("#admin-agents-range")).hasText(FIRST_PAGE);
    assertThat(page.locator("#admin-agents-previous")).isDisabled();
    String firstOnPageOne = rows.first().getAttribute("data-agent");

    page.locator("#admin-agents-next").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#admin-agents-range")).hasText(Pattern.compile("^26–\\d+ of \\d+$"));
    assertThat(rows.first()).not().hasAttribute("data-agent", firstOnPageOne);
    assertThat(page.locator("#admin-agents-previous")).isEnabled();
    screenshot(page, info, "01-second-page");

    // The search starts from its first page and finds every one of the site's agents.
    Fixtures.Agent wanted = agents.get(26);
    page.getByLabel("Find an agent by name").fill(wanted.name());
    assertThat(page.locator("#admin-agent-table tr[data-agent='" + wanted.id() + "']")).isVisible();
    assertThat(rows.count()).isLessThan(25);
    page.getByLabel("Find an agent by name").fill("no agent is called this");
    assertThat(rows).hasCount(1);
    assertThat(rows.first()).hasText("No agent matches the search.");
    page.getByLabel("Find an agent by name").fill("");
    assertThat(rows).hasCount(25);
    assertThat(page.locator("#admin-agents-range")).hasText(FIRST_PAGE);
  }

  @Test
  void queuesUsersAndTeamsComeTwentyFiveAPageAndTheSearchFindsAny(TestInfo info) {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent admin = site.addUser(Role.ADMIN, 1);
    Fixtures last = site;
    for (int i = 0; i < 26; i++) {
      last = Fixtures.create(jdbi());
      last.addAgent(1);
    }
    Fixtures.Agent wanted = last.addAgent(1);
    Page page = openConsole();
    login(page, admin);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
    listPages(page, "queue", "Find a queue by name or id", last.queueId, "No queue matches");
    page.locator(".tab-link[data-section=users]").click();
    listPages(page, "user", "Find a user", wanted.email(), "No user matches");
    page.locator(".tab-link[data-section=teams]").click();
    listPages(page, "team", "Find a team by name", last.teamId, "No team matches");
    screenshot(page, info, "02-teams-found");
  }

  /**
   * A list of more than 25 records shows 25 with the pager, turns to the next page, finds the
   * record {@code find} names (its row has data-{@code kind} = the id or the search) and says
   * when nothing matches.
   */
  private static void listPages(Page page, String kind, String label, String find, String none) {
    Locator rows = page.locator("#admin-" + kind + "-table tbody tr");
    assertThat(rows).hasCount(25);
    assertThat(page.locator("#admin-" + kind + "s-range")).hasText(FIRST_PAGE);
    String first = rows.first().getAttribute("data-" + kind);
    page.locator("#admin-" + kind + "s-next").click();
    assertThat(page.locator("#admin-" + kind + "s-range"))
        .hasText(Pattern.compile("^26–\\d+ of \\d+$"));
    assertThat(rows.first()).not().hasAttribute("data-" + kind, first);
    page.getByLabel(label).fill(find);
    assertThat(rows).hasCount(1);
    assertThat(rows.first()).containsText(find);
    page.getByLabel(label).fill("nothing is called this");
    assertThat(rows.first()).containsText(none);
    page.getByLabel(label).fill("");
    assertThat(rows).hasCount(25);
  }

  @Test
  void thePagesSpeakChineseAtThreeHundredSixtyPixels(TestInfo info) throws Exception {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent admin = site.addUser(Role.ADMIN, 1);
    for (int i = 0; i < 26; i++) {
      site.addAgent(1);
    }
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
        .setViewportSize(360, 740));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(baseUrl() + "/console#/admin");
    login(page, admin);
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("系统管理")))
        .isVisible();
    assertThat(page.locator("#admin-agent-table tbody tr")).hasCount(25);
    assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("客服分页")))
        .isVisible();
    assertThat(page.locator("#admin-agents-range")).hasText(Pattern.compile("^第 1–25 条，共 \\d+ 条$"));
    assertThat(page.locator("#admin-agents-next")).hasText("下一页");
    assertThat(page.getByLabel("按姓名查找客服")).isVisible();
    Locator picker = page.locator("#admin-agent-table tbody tr").first().locator(".queue-picker");
    picker.locator("summary").focus();
    page.keyboard().press("Enter");
    assertThat(picker.locator("input[type=checkbox]").first()).isVisible();
    assertThat(picker.locator("legend")).containsText("的队列");
    screenshot(page, info, "01-zh-360");
    assertThat(Accessibility.seriousViolations(page)).isEmpty();
    page.locator(".tab-link[data-section=users]").click();
    assertThat(page.locator("#admin-users-range")).hasText(Pattern.compile("^第 1–25 条，共 \\d+ 条$"));
    assertThat(page.getByLabel("查找用户")).isVisible();
    assertThat(Accessibility.seriousViolations(page)).isEmpty();
  }
}
