package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A visitor whose name, message and page context are HTML and script: the console shows all of
 * it as literal text, creates no element from it and links only http(s) URLs.
 */
class ConsoleHostileInputTest extends ConsoleBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMG = "<img src=x onerror=window.__pwned=1>";
  private static final String TITLE = "<script>window.__pwned=2</script><b>Checkout</b>";
  private static final String MESSAGE = IMG + " click javascript:alert(1) or https://example.com/help?a=1 <a href=javascript:alert(2)>here</a>";

  @Test
  void visitorMarkupIsShownAsText(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Page page = openConsole();
    login(page, agent);
    setStatus(page, "online");

    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    try (RawSocket visitor = RawSocket.connect(node.ws(), token)) {
      visitor.next("welcome");
      visitor.sendText(command("start").put("queue", fixtures.queueId)
          .set("fields", JSON.createObjectNode().put("name", IMG)).toString());
      String conversationId = JSON.readTree(visitor.next("started")).get("conversationId").asText();
      visitor.sendText(command("send").put("conversationId", conversationId)
          .put("clientMsgId", java.util.UUID.randomUUID().toString()).put("text", MESSAGE).toString());
      visitor.next("ack");

      Locator item = page.locator(".conv-item").first();
      assertThat(item.locator(".conv-name")).hasText(IMG);
      // The widget reports the host page whenever it changes; the assigned agent follows it live.
      visitor.sendText(command("context").put("url", "javascript:alert(3)").put("title", TITLE)
          .put("userAgent", "<img src=x onerror=window.__pwned=4>").put("language", "<i>en</i>")
          .put("timeZone", "Europe/Paris").toString());
      assertThat(item.locator(".conv-preview")).containsText("javascript:alert(1)");
      screenshot(page, info, "01-list");

      item.click();
      Locator bubble = page.locator(".msg.visitor .bubble").first();
      assertThat(bubble).hasText(MESSAGE);
      Locator sidebar = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Visitor details"));
      assertThat(sidebar.locator(".contact-name")).hasText(IMG);
      assertThat(sidebar).containsText(TITLE);
      assertThat(sidebar).containsText("javascript:alert(3)");
      assertThat(page.locator(".conv-head h2")).hasText(IMG);

      // The agent's own markup is text too.
      Locator composer = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
      composer.fill("<b>bold</b> " + IMG);
      composer.press("Enter");
      assertThat(page.locator(".msg.staff .bubble").last()).hasText("<b>bold</b> " + IMG);
      assertThat(page.locator(".msg.staff .receipt").last()).hasText("Delivered");
      screenshot(page, info, "02-conversation");

      // Only the https URL became a link, and it opens safely in a new tab.
      Locator link = bubble.locator("a");
      assertThat(link).hasCount(1);
      assertThat(link).hasAttribute("href", "https://example.com/help?a=1");
      assertThat(link).hasAttribute("rel", "noopener noreferrer");
      assertThat(link).hasAttribute("target", "_blank");
      Assertions.assertThat(page.locator("img").count()).isZero();
      Assertions.assertThat(page.locator("b, i").count()).isZero();
      Assertions.assertThat(page.locator("script").count()).isEqualTo(1);
      @SuppressWarnings("unchecked")
      List<String> hrefs = (List<String>) page.evaluate(
          "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
      Assertions.assertThat(hrefs).isNotEmpty()
          .allSatisfy(href -> Assertions.assertThat(href).matches("^(https?://|#).*"));
      Assertions.assertThat(page.evaluate("() => typeof window.__pwned")).isEqualTo("undefined");
    }
  }

  private static ObjectNode command(String type) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type);
    node.put("id", type + "-1");
    return node;
  }
}
