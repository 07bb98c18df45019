package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The supervisor wall lists the live server nodes: a second node started next to the test's node
 * appears with its address and connection counts, and leaves the list, without a reload, once it
 * stops.
 */
class ConsoleWallNodesTest extends ConsoleBrowserTest {
  @Test
  void wallListsTheLiveNodes(TestInfo info) throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 1);
    String secondId = "second-" + UUID.randomUUID().toString().substring(0, 8);
    TestNode second = TestNode.start(Map.of("SWITCHBOARD_NODE_ID", secondId));
    boolean stopped = false;
    try {
      Page page = openConsole();
      login(page, supervisor);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live wall")).click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Server nodes"))).isVisible();
      Locator secondRow = page.locator("#wall-node-table tr[data-node='" + secondId + "']");
      assertThat(secondRow.locator("[data-field=address]")).hasText("127.0.0.1:" + second.port());
      assertThat(secondRow.locator("[data-field=beat]")).containsText(" s ago");
      // The supervisor's own console is connected to the test's node, which is listed too.
      assertThat(page.locator("#wall-node-table tr[data-node] [data-field=address]",
          new Page.LocatorOptions().setHasText("127.0.0.1:" + node.port()))).hasCount(1);
      screenshot(page, info, "01-two-nodes");

      second.close();
      stopped = true;
      assertThat(secondRow).hasCount(0);
      screenshot(page, info, "02-second-node-gone");
    } finally {
      if (!stopped) {
        second.close();
      }
    }
  }
}
