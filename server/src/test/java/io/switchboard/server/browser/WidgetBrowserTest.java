package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * Helpers for the widget's browser tests: the demo shop page embeds the widget exactly as a
 * customer's site does, and the visitor works it through the launcher and the iframe.
 */
abstract class WidgetBrowserTest extends BrowserTest {
  static final String FRAME = "iframe#switchboard-chat-frame";

  /** Page errors and console errors of every page opened by {@link #openDemo}. */
  protected final List<String> pageErrors = new CopyOnWriteArrayList<>();

  /** Opens the demo shop page for this test's site. */
  protected Page openDemo(BrowserContext context) {
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add("page error: " + error));
    page.onConsoleMessage(message -> {
      if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
        pageErrors.add("console: " + message.text());
      }
    });
    page.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey);
    return page;
  }

  /** Like {@link #screenshot} but only what the viewport shows (a phone's screen). */
  protected void viewportScreenshot(Page page, org.junit.jupiter.api.TestInfo test, String step) {
    String method = test.getTestMethod().map(m -> m.getName()).orElse("test");
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target",
        "screenshots", getClass().getSimpleName(), method + "-" + step + ".png")));
  }

  protected FrameLocator widget(Page page) {
    return page.frameLocator(FRAME);
  }

  /** The iframe's Frame, to evaluate script in the widget's own window. */
  protected Frame widgetFrame(Page page) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> page.frames().stream()
        .filter(frame -> frame.url().contains("/widget/frame.html")).findFirst().orElse(null),
        java.util.Objects::nonNull);
  }

  protected Locator launcher(Page page) {
    return page.locator("#switchboard-launcher");
  }

  /** Clicks the launcher and waits for the panel. */
  protected FrameLocator openWidget(Page page) {
    assertThat(launcher(page)).isVisible();
    launcher(page).click();
    assertThat(page.locator(FRAME)).isVisible();
    assertThat(launcher(page)).hasAttribute("aria-expanded", "true");
    return widget(page);
  }

  /** Fills the pre-chat form and starts the chat. */
  protected void startChat(FrameLocator widget, String name, String email) {
    widget.getByLabel("Name").fill(name);
    widget.getByLabel("Email").fill(email);
    widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat")).click();
    assertThat(widget.locator("#sb-input")).isVisible();
  }

  /** Types a message in the composer and sends it with Enter. */
  protected void send(FrameLocator widget, String text) {
    Locator input = widget.locator("#sb-input");
    input.fill(text);
    input.press("Enter");
    assertThat(input).hasValue("");
  }

  /** The bubbles' texts in the widget's message list, in order. */
  protected List<String> bubbles(FrameLocator widget) {
    return widget.locator(".sb-log .sb-bubble").allTextContents();
  }

  /** Waits until the agent has a message with exactly this text, and returns it. */
  protected ServerMessage.Message awaitAgentMessage(Participant agent, String conversationId, String text) {
    return agent.await(ServerMessage.Message.class,
        message -> message.conversationId().equals(conversationId) && message.text().equals(text),
        Duration.ofSeconds(15));
  }

  /** The texts the agent received in a conversation, in arrival order. */
  protected List<String> agentTexts(Participant agent, String conversationId) {
    return agent.messages(conversationId).stream().map(ServerMessage.Message::text).toList();
  }
}
