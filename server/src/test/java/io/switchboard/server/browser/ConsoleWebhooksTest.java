package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin's webhooks tab in Chromium: create a webhook by keyboard (the secret shown once),
 * see a chat's event in the delivery log once a real receiver accepted it, replay it; and the
 * tab in Chinese, on a phone, without English or serious axe findings.
 */
class ConsoleWebhooksTest extends ConsoleTicketBrowserTest {

  @Test
  void anAdminCreatesAWebhookByKeyboardAndReplaysADelivery(TestInfo info) throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger received = new AtomicInteger();
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      Page page = signIn(admin, "en-US", 1280);
      go(page, "admin/webhooks");
      page.locator("#admin-new-webhook").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#webhook-form-title")).hasText("New webhook");
      page.locator("#webhook-siteId").selectOption(fixtures.siteId);
      page.locator("#webhook-url").fill(url);
      page.locator("#webhook-save").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#webhook-events-error")).hasText("Choose at least one event.");
      page.locator("[id='webhook-event-conversation.started']").focus();
      page.keyboard().press("Space");
      page.locator("#webhook-save").focus();
      page.keyboard().press("Enter");
      assertThat(page.locator("#webhook-secret-value")).hasValue(
          java.util.regex.Pattern.compile("^whsec_.{20,}"));
      assertThat(page.locator("#admin-webhook-table")).containsText(url);
      screenshot(page, info, "created");

      try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
        visitor.client().start(fixtures.queueId, Map.of()).get();
      }
      String token = token(admin);
      String id = Http.get(node.http(), "/v1/webhooks?site=" + fixtures.siteId, token).body()
          .get("webhooks").get(0).get("id").asText();
      Awaitility.await().until(() -> Http.get(node.http(), "/v1/webhooks/" + id
          + "/deliveries?status=delivered", token).body().get("deliveries").size() == 1);
      page.locator("#webhook-log-status").selectOption("delivered");
      assertThat(page.locator("#webhook-log-table tr[data-status=delivered]").first())
          .containsText("Chat started");
      page.locator("#webhook-log-table tr[data-status=delivered] .row-actions button").first()
          .focus();
      page.keyboard().press("Enter");
      Awaitility.await().until(() -> received.get() >= 2);
      assertThat(page.locator("#toasts")).containsText("1 deliveries put back");
      screenshot(page, info, "log");
      assertThat(Http.call("DELETE", node.http(), "/v1/webhooks/" + id, token, null).status())
          .isEqualTo(204);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void theTabSpeaksChineseAndFitsAPhone(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    Http.Reply created = Http.call("POST", node.http(), "/v1/webhooks", token,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"url\":\"https://crm.example.com/hook\","
            + "\"events\":[\"ticket.created\",\"sla.breached\"],\"description\":\"客户关系\"}");
    assertThat(created.status()).isEqualTo(201);
    List<String> data = new java.util.ArrayList<>(List.of("https://crm.example.com/hook"));
    for (JsonNode hook : Http.get(node.http(), "/v1/webhooks", token).body().get("webhooks")) {
      data.add(hook.get("url").asText());
    }
    for (JsonNode site : Http.get(node.http(), "/v1/admin/sites", token).body()) {
      data.addAll(List.of(site.path("id").asText(), site.path("name").asText()));
    }
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (int width : List.of(1280, 360)) {
      Page page = signIn(admin, "zh-CN", width);
      go(page, "admin/webhooks");
      page.locator("#admin-webhook-table tr[data-webhook=\"" + created.body().get("id").asText()
          + "\"] .row-actions button").click();
      assertThat(page.locator("#webhook-form-title")).hasText("网络回调设置");
      assertThat(page.locator("#webhook-log-title")).hasText("投递记录");
      screenshot(page, info, "webhooks-zh-" + width);
      found.put(width + " english", english(page, token, data));
      found.put(width + " problems", problems(page));
    }
    found.values().removeIf(List::isEmpty);
    assertThat(found).as("English, axe findings or sideways scrolling").isEmpty();
    assertThat(Http.call("DELETE", node.http(), "/v1/webhooks/"
        + created.body().get("id").asText(), token, null).status()).isEqualTo(204);
  }
}
