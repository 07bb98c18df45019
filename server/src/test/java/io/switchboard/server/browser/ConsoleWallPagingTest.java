package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The live wall of a large installation: a team of 120 agents is shown 50 at a time, sorted by
 * status then name, with how many are not on the page; the team and queue filter is kept in the
 * address and survives a reload; pages turn from the keyboard; an agent coming online moves to
 * the top of the page shown, without a reload. In Chinese on a 360 px screen the controls speak
 * Chinese, nothing scrolls sideways and axe finds nothing serious.
 */
class ConsoleWallPagingTest extends ConsoleTicketBrowserTest {
  private static final String AGENT_ROWS = "#wall-agent-table tr[data-agent]";

  @Test
  void aLargeTeamIsShownAPageAtATimeFilteredAndLive(TestInfo info) throws Exception {
    Fixtures large = Fixtures.create(jdbi());
    for (int i = 0; i < 120; i++) {
      large.addAgent(1);
    }
    List<Fixtures.Agent> byName = large.agents.stream()
        .sorted(Comparator.comparing(Fixtures.Agent::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(agent -> agent.id().toString())).toList();
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);

    Page page = signIn(admin, "en-US", 1280);
    go(page, "wall");
    page.locator("#wall-team").selectOption(large.teamId);
    assertThat(page).hasURL(Pattern.compile(".*#/wall\\?team=" + large.teamId + "$"));
    assertThat(page.locator("#wall-agents-range")).hasText("1–50 of 120");
    assertThat(page.locator(AGENT_ROWS)).hasCount(50);
    assertThat(page.locator("#wall-hidden")).hasText("Not on this page: 70 agents, 0 queues");
    assertThat(page.locator("#wall-queue-table tr[data-queue]")).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(names(page))
        .isEqualTo(byName.subList(0, 50).stream().map(Fixtures.Agent::name).toList());
    screenshot(page, info, "01-first-page");

    // Pages turn from the keyboard.
    page.locator("#wall-agents-next").focus();
    page.keyboard().press("Enter");
    assertThat(page.locator("#wall-agents-range")).hasText("51–100 of 120");
    page.keyboard().press("Enter");
    assertThat(page.locator("#wall-agents-range")).hasText("101–120 of 120");
    assertThat(page.locator(AGENT_ROWS)).hasCount(20);
    assertThat(page.locator("#wall-agents-next")).isDisabled();
    org.assertj.core.api.Assertions.assertThat(names(page))
        .isEqualTo(byName.subList(100, 120).stream().map(Fixtures.Agent::name).toList());
    page.locator("#wall-agents-previous").click();
    page.locator("#wall-agents-previous").click();
    assertThat(page.locator("#wall-agents-range")).hasText("1–50 of 120");

    // The last agent by name comes online: first on the page shown, live.
    Fixtures.Agent last = byName.getLast();
    try (Participant online = Participant.agent(node.http(), node.ws(), last)) {
      online.client().setStatus("online").get();
      Locator first = page.locator(AGENT_ROWS).first();
      assertThat(first).hasAttribute("data-agent", last.id().toString());
      assertThat(first).containsText("online");
      assertThat(page.locator("#wall-online")).hasText("1");
      screenshot(page, info, "02-online-first");
    }

    // The filter survives a reload.
    page.reload();
    assertThat(page.locator("#wall-team")).hasValue(large.teamId);
    assertThat(page.locator("#wall-agents-range")).hasText("1–50 of 120");

    // Another team's queue: only its members.
    page.locator("#wall-team").selectOption("");
    page.locator("#wall-queue").selectOption(fixtures.queueId);
    assertThat(page).hasURL(Pattern.compile(".*#/wall\\?queue=" + fixtures.queueId + "$"));
    assertThat(page.locator("#wall-queue-table tr[data-queue]")).hasCount(1);
    assertThat(page.locator(AGENT_ROWS + "[data-agent='" + admin.id() + "']")).hasCount(1);
    assertThat(page.locator(AGENT_ROWS + "[data-agent='" + last.id() + "']")).hasCount(0);
    Map<String, List<String>> found = new LinkedHashMap<>();
    found.put("1280 en problems", problems(page));

    Page chinese = signIn(admin, "zh-CN", 360);
    go(chinese, "wall?team=" + large.teamId);
    assertThat(chinese.locator("#wall-agents-range")).hasText("第 1–50 条，共 120 条");
    assertThat(chinese.locator("label[for=wall-team]")).hasText("团队");
    assertThat(chinese.locator("#wall-hidden")).hasText("不在本页：70 名客服，0 个队列");
    assertThat(chinese.locator("#wall-agents-next")).hasText("下一页");
    screenshot(chinese, info, "03-zh-360");
    found.put("360 zh problems", problems(chinese));
    found.values().removeIf(List::isEmpty);
    org.assertj.core.api.Assertions.assertThat(found).as("axe findings or sideways scrolling")
        .isEmpty();
  }

  private static List<String> names(Page page) {
    return page.locator(AGENT_ROWS + " .agent-cell > span:last-child").allTextContents();
  }
}
