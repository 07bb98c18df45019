package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.PasswordHasher;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Markup and script URLs typed by the visitor, by the agent and in the agent's own name are shown
 * as literal text: no element is created from them, no javascript: link, and no script runs in the
 * host page or in the widget.
 */
class WidgetHostileInputTest extends WidgetBrowserTest {
  static final String IMG = "<img src=x onerror=window.__pwned=1>";
  static final String SCRIPT_LINK = "javascript:alert(1)";

  @Test
  void everythingWrittenIsShownAsText(TestInfo test) throws Exception {
    Fixtures.Agent account = hostileAgent();
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      // The server's own check (a one-letter top-level domain) comes back at the right field.
      widget.getByLabel("Name").fill(IMG);
      widget.getByLabel("Email").fill("mallory@example.c");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat")).click();
      assertThat(widget.locator("#sb-f-email")).hasAttribute("aria-invalid", "true");
      assertThat(widget.locator("#sb-f-email-error"))
          .hasText("Please enter a valid email address, like name@example.com.");
      assertThat(widget.locator("#sb-f-email")).isFocused();
      assertThat(widget.locator("#sb-f-name")).not().hasAttribute("aria-invalid", "true");
      screenshot(page, test, "0-server-field-error");
      startChat(widget, IMG, "mallory@example.com");
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class);
      String conversationId = assigned.conversationId();
      assertThat(assigned.visitor().name()).isEqualTo(IMG);
      agent.client().accept(conversationId).get();
      assertThat(widget.locator(".sb-system").last()).hasText(IMG + " joined the chat");
      assertThat(widget.locator(".sb-title")).hasText(IMG);

      String visitorText = "look " + IMG + " and " + SCRIPT_LINK + " or <a href=\"" + SCRIPT_LINK
          + "\">click</a> and https://example.com/ok";
      send(widget, visitorText);
      awaitAgentMessage(agent, conversationId, visitorText);
      String agentText = IMG + " [x](" + SCRIPT_LINK + ") <script>window.__pwned=2</script> "
          + SCRIPT_LINK + "//%0aalert(1) https://example.com/a?b=<i>c</i>";
      agent.client().typing(conversationId, true).get();
      agent.client().send(conversationId, agentText).get();

      assertThat(widget.locator(".sb-msg--own .sb-bubble")).hasText(visitorText);
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last()).hasText(agentText);
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-msg-author").last()).hasText(IMG);
      screenshot(page, test, "1-literal-text");

      // No element was made from the text: only the two https links became anchors.
      assertThat(widget.locator("img")).hasCount(0);
      assertThat(widget.locator("script:not([src])")).hasCount(0);
      assertThat(widget.locator(".sb-bubble i, .sb-bubble script")).hasCount(0);
      assertThat(widget.locator("a[href^='javascript']")).hasCount(0);
      assertThat(widget.locator(".sb-bubble a")).hasCount(2);
      assertThat(widget.locator(".sb-msg--own .sb-bubble a"))
          .hasAttribute("href", "https://example.com/ok");
      assertThat(widget.locator(".sb-msg--own .sb-bubble a")).hasAttribute("target", "_blank");
      assertThat(widget.locator(".sb-msg--own .sb-bubble a"))
          .hasAttribute("rel", "noopener noreferrer");
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble a"))
          .hasAttribute("href", "https://example.com/a?b=");
      assertThat(page.locator("img")).hasCount(0);

      // Nothing ran, neither in the host page nor in the widget.
      Frame frame = widgetFrame(page);
      assertThat(page.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
      assertThat(frame.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
      assertThat(pageErrors).isEmpty();
    }
  }

  /** An agent whose display name is markup, as a careless admin might have typed it. */
  private static Fixtures.Agent hostileAgent() {
    UUID id = UUID.randomUUID();
    String email = "hostile-" + id + "@example.test";
    String password = "pw-" + id;
    UserDao users = new UserDao(node.node().database().jdbi());
    users.create(new User(id, email, IMG, Role.AGENT, new PasswordHasher().hash(password), 3, false));
    users.addToQueue(fixtures.queueId, id);
    return new Fixtures.Agent(id, email, password, IMG);
  }
}
