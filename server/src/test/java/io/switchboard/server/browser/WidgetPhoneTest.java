package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * On a 360 x 740 phone the widget opens full-screen and stays usable: the form and the composer are
 * visible, nothing overflows sideways, and the header's button closes it again.
 */
class WidgetPhoneTest extends WidgetBrowserTest {

  @Test
  void theWidgetIsUsableFullScreenOnA360PixelPhone(TestInfo test) throws Exception {
    try (Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3));
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
            .setLocale("en-US"))) {
      agent.client().setStatus("online").get();
      Page page = openDemo(context);
      assertThat(launcher(page)).isVisible();
      BoundingBox button = launcher(page).boundingBox();
      assertThat(button.x + button.width).isLessThanOrEqualTo(360);
      screenshot(page, test, "1-phone-closed");

      launcher(page).tap();
      FrameLocator widget = widget(page);
      assertThat(page.locator(FRAME)).isVisible();
      // Full-screen once the opening animation has settled.
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        BoundingBox frame = page.locator(FRAME).boundingBox();
        assertThat(List.of(frame.x, frame.y, frame.width, frame.height))
            .containsExactly(0.0, 0.0, 360.0, 740.0);
      });
      assertThat(widget.getByLabel("Name")).isVisible();
      assertThat(widget.getByLabel("Email")).isVisible();
      assertNoHorizontalOverflow(page);
      screenshot(page, test, "2-phone-prechat");

      startChat(widget, "Mei Chen", "mei@example.com");
      String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
      agent.client().accept(conversationId).get();
      send(widget, "Does the grinder fit a 58 mm portafilter? https://shop.example/products/grinder-pro-58mm-with-a-very-long-url");
      agent.client().send(conversationId, "Yes! Averylongwordwithoutanyspacesthatmustwrapinsteadofoverflowingthescreen.").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble")).isVisible();
      assertThat(widget.locator("#sb-input")).isInViewport();
      assertThat(widget.locator(".sb-send")).isInViewport();
      assertNoHorizontalOverflow(page);
      screenshot(page, test, "3-phone-chatting");

      // The launcher is covered while full-screen; the header's minimize button closes the panel.
      widget.getByLabel("Minimize chat").tap();
      assertThat(page.locator(FRAME)).isHidden();
      assertThat(launcher(page)).isVisible();
      assertThat(pageErrors).isEmpty();
    }
  }

  private void assertNoHorizontalOverflow(Page page) {
    String check = "() => document.documentElement.scrollWidth <= window.innerWidth"
        + " && [...document.querySelectorAll('body *')].every(el => el.getBoundingClientRect().right <= window.innerWidth + 0.5)";
    assertThat(widgetFrame(page).evaluate(check)).isEqualTo(true);
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
  }
}
