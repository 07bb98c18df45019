package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Outside business hours the visitor gets the offline form straight away, even with an agent
 * online; inside them, the pre-chat form. A clock the test controls decides which it is.
 */
class WidgetBusinessHoursTest extends BrowserTest {
  @Test
  void outsideBusinessHoursTheWidgetOffersTheOfflineForm(TestInfo test) throws Exception {
    MutableClock clock = new MutableClock(io.switchboard.server.e2e.BusinessHoursTestClock.evening());
    try (TestNode closedNode = TestNode.start(Map.of(), clock)) {
      Fixtures site = Fixtures.create(closedNode.node().database().jdbi());
      io.switchboard.server.e2e.BusinessHoursTestClock.officeHours(
          new QueueScheduleDao(closedNode.node().database().jdbi()), site.queueId);
      try (BrowserContext context = newContext();
          Participant agent = Participant.agent(closedNode.http(), closedNode.ws(), site.addAgent(2))) {
        agent.client().setStatus("online").get();
        Page page = context.newPage();
        page.navigate(closedNode.http() + "/demo?site=" + site.siteKey);
        page.locator("#switchboard-launcher").click();
        FrameLocator widget = page.frameLocator("iframe#switchboard-chat-frame");
        assertThat(widget.locator("form[data-mode='offline']")).isVisible();
        assertThat(widget.locator(".sb-heading")).hasText("Leave us a message");
        screenshot(page, test, "1-closed-offline-form");

        clock.set(io.switchboard.server.e2e.BusinessHoursTestClock.morning());
        page.reload();
        page.locator("#switchboard-launcher").click();
        assertThat(widget.locator("form[data-mode='prechat']")).isVisible();
        screenshot(page, test, "2-open-prechat-form");
      }
    }
  }
}
