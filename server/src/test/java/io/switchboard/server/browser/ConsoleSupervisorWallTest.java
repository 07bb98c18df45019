package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The supervisor's live wall follows the queue without a reload: three visitors wait while no
 * agent is online, then an agent with capacity 2 comes online and takes two of them.
 */
class ConsoleSupervisorWallTest extends ConsoleBrowserTest {
  private static final String TOTAL_IS_SUM_OF_ROWS = """
      () => {
        const cells = [...document.querySelectorAll('#wall-queue-table tr[data-queue] [data-field=waiting]')];
        const sum = cells.reduce((total, cell) => total + Number(cell.textContent), 0);
        return cells.length > 0 && Number(document.querySelector('#wall-waiting').textContent) === sum;
      }""";

  @Test
  void wallFollowsQueueAndAgentLoad(TestInfo info) throws Exception {
    // Another team's queue, whose waiting list this supervisor may not read: their own must
    // still show.
    Fixtures.create(node.node().database().jdbi());
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    Fixtures.Agent agent = fixtures.addAgent(2);
    Page page = openConsole();
    login(page, supervisor);
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live wall")).click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Live wall"))).isVisible();
    Locator queueRow = page.locator("#wall-queue-table tr[data-queue='" + fixtures.queueId + "']");
    assertThat(queueRow.locator("[data-field=waiting]")).hasText("0");
    String tag = fixtures.queueId.substring(fixtures.queueId.length() - 8);

    List<Participant> visitors = new ArrayList<>();
    try {
      for (int i = 1; i <= 3; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        visitors.add(visitor);
        visitor.client().start(fixtures.queueId, Map.of("name", "Visitor " + i + " " + tag)).get();
      }
      assertThat(queueRow.locator("[data-field=waiting]")).hasText("3");
      // The total counts every site's queues, where earlier tests may have left visitors waiting
      // and the reconciler may bring more back at any moment: it must equal the rows' sum.
      page.waitForFunction(TOTAL_IS_SUM_OF_ROWS);
      assertThat(queueRow.locator("[data-field=online]")).hasText("0");
      screenshot(page, info, "01-three-waiting");

      // The waiting list in the supervisor's inbox shows them too.
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Inbox")).click();
      assertThat(page.locator(".waiting-item").filter(new Locator.FilterOptions().setHasText(tag)))
          .hasCount(3);
      assertThat(page.locator(".waiting")).containsText("Visitor 1 " + tag);
      screenshot(page, info, "02-inbox-waiting");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live wall")).click();

      try (Participant agentClient = Participant.agent(node.http(), node.ws(), agent)) {
        agentClient.client().setStatus("online").get();
        assertThat(queueRow.locator("[data-field=waiting]")).hasText("1");
        assertThat(queueRow.locator("[data-field=online]")).hasText("1");
        Locator agentRow = page.locator("#wall-agent-table tr[data-agent='" + agent.id() + "']");
        assertThat(agentRow.locator("[data-field=load]")).hasText("2/2");
        assertThat(agentRow).containsText("online");
        screenshot(page, info, "03-agent-took-two");
      }
    } finally {
      visitors.forEach(Participant::close);
    }
  }
}
