package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Walks every console view in Chinese as an admin who also answers a chat (inbox with the open
 * conversation, its dialogs and menu, wall, monitor, canned replies, every admin tab, the
 * account page) and fails on any English left on screen: no view mixes the two languages.
 */
class ConsoleChineseTest extends ConsoleBrowserTest {

  @Test
  void everyConsoleViewSpeaksChinese(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = Http.agentToken(node.http(), admin);
    assertThat(Http.call("PUT", node.http(), "/v1/me", token, "{\"name\":\"张伟\"}").status())
        .isEqualTo(200);
    // A change the audit log keeps with its before-state, to be seen on the audit tab below.
    assertThat(Http.call("PUT", node.http(), "/v1/admin/sites/" + fixtures.siteId, token,
        "{\"name\":\"测试站点\"}").status()).isEqualTo(200);
    // Entries about a webhook and a contact, whose kinds the audit tab names in Chinese too.
    assertThat(Http.call("POST", node.http(), "/v1/webhooks", token, "{\"siteId\":\""
        + fixtures.siteId + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":["
        + "\"ticket.created\"]}").status()).isEqualTo(201);
    assertThat(Http.call("POST", node.http(), "/v1/contacts", token, "{\"siteId\":\""
        + fixtures.siteId + "\",\"name\":\"李娜\",\"email\":\"lina@example.com\"}").status())
        .isEqualTo(201);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setLocale("zh-CN").setViewportSize(1280, 900))) {
      String conversationId = visitor.client().start(fixtures.queueId,
          Map.of("name", "王芳", "email", "wangfang@example.com")).get().conversationId();
      visitor.client().send(conversationId, "你好，我的订单还没到。").get();
      Page page = openFirstChat(context, admin);
      page.locator("#composer-input").fill("您好，我来帮您查一下。");
      page.locator("#composer-input").press("Enter");
      visitor.await(ServerMessage.Message.class, m -> m.text().startsWith("您好"),
          java.time.Duration.ofSeconds(10));
      assertThat(page.locator(".timeline .msg.staff")).hasCount(1);

      Map<String, List<String>> untranslated = new LinkedHashMap<>();
      List<String> data = knownData(token);
      data.addAll(List.of(conversationId, fixtures.siteKey, "wangfang@example.com",
          "lina@example.com", "http://127.0.0.1:9/hook", "ticket.created"));
      untranslated.put("inbox", UntranslatedText.find(page, data));
      page.locator(".conv-actions .button").first().click();
      assertThat(page.locator("dialog #transfer-agent")).isVisible();
      untranslated.put("transfer dialog", UntranslatedText.find(page, data));
      page.keyboard().press("Escape");
      page.locator(".conv-actions .button.success").click();
      assertThat(page.locator("dialog #close-tags")).isVisible();
      untranslated.put("close dialog", UntranslatedText.find(page, data));
      page.keyboard().press("Escape");
      page.locator("button[aria-controls=settings-menu]").click();
      untranslated.put("settings menu", UntranslatedText.find(page, data));
      page.keyboard().press("Escape");
      page.locator("body").press("?");
      untranslated.put("shortcuts", UntranslatedText.find(page, data));
      page.keyboard().press("Escape");
      screenshot(page, info, "inbox-zh");

      for (String view : List.of("wall", "monitor/" + conversationId, "canned", "admin",
          "admin/sites", "admin/users", "admin/teams", "admin/mail", "admin/audit", "account")) {
        page.navigate(baseUrl() + "/console#/" + view);
        assertThat(page.locator("main h1").first()).isVisible();
        untranslated.put(view, loaded(page, data));
      }
      page.navigate(baseUrl() + "/console#/admin/audit");
      page.waitForLoadState(LoadState.NETWORKIDLE);
      page.locator("#audit-actor").selectOption(admin.id().toString());
      page.locator("#audit-filters button[type=submit]").click();
      assertThat(page.locator("#audit-table tbody tr", new Page.LocatorOptions()
          .setHasText("测试站点"))).containsText("原值");
      untranslated.put("admin/audit, the admin's own changes", loaded(page, data));
      // Offline again, so later tests do not find this admin free to take chats.
      setStatus(page, "offline");
      untranslated.values().removeIf(List::isEmpty);
      assertThat(untranslated).as("English on a Chinese screen").isEmpty();
    }
  }

  /** Reads the view once its REST calls are answered (see settle). */
  private static List<String> loaded(Page page, List<String> data) {
    settle(page);
    return UntranslatedText.find(page, data);
  }

  /** Everything users typed that the console may show: names, emails, ids, queues, teams... */
  private List<String> knownData(String token) throws Exception {
    List<String> data = new ArrayList<>();
    for (JsonNode user : Http.get(node.http(), "/v1/admin/users", token).body()) {
      data.add(user.get("name").asText());
      data.add(user.get("email").asText());
      data.add(user.get("id").asText());
    }
    for (JsonNode queue : Http.get(node.http(), "/v1/admin/queues", token).body()) {
      data.add(queue.get("id").asText());
      data.add(queue.get("name").asText());
      data.add(queue.get("siteId").asText());
      data.add(queue.path("timeZone").asText());
      queue.path("skills").forEach(skill -> data.add(skill.asText()));
      queue.path("languages").forEach(language -> data.add(language.asText()));
    }
    for (JsonNode site : Http.get(node.http(), "/v1/admin/sites", token).body()) {
      data.add(site.get("id").asText());
      data.add(site.get("name").asText());
      data.add(site.get("siteKey").asText());
      site.path("allowedOrigins").forEach(origin -> data.add(origin.asText()));
      String files = "/v1/admin/sites/" + site.get("id").asText();
      Http.get(node.http(), files + "/identity", token).body().path("keys")
          .forEach(key -> data.add(key.path("keyId").asText()));
      Http.get(node.http(), files + "/attachments", token).body().path("allowedTypes")
          .forEach(type -> data.add(type.asText()));
    }
    for (JsonNode team : Http.get(node.http(), "/v1/teams", token).body()) {
      data.add(team.get("id").asText());
      data.add(team.get("name").asText());
    }
    for (JsonNode reply : Http.get(node.http(), "/v1/canned-replies", token).body()) {
      data.add(reply.get("shortcut").asText());
      data.add(reply.get("text").asText());
    }
    for (JsonNode live : Http.get(node.http(), "/v1/live-conversations", token).body()) {
      data.add(live.path("contactName").asText());
    }
    for (JsonNode queue : Http.get(node.http(), "/v1/queues", token).body()) {
      String path = "/v1/queues/" + queue.get("id").asText() + "/waiting";
      Http.get(node.http(), path, token).body()
          .forEach(waiting -> data.add(waiting.path("contactName").asText()));
    }
    for (JsonNode agent : Http.get(node.http(), "/v1/agents", token).body()) {
      data.add(agent.get("name").asText());
    }
    for (JsonNode address : Http.get(node.http(), "/v1/admin/mail-addresses", token).body()) {
      data.add(address.path("address").asText());
      data.add(address.path("displayName").asText());
      data.add(address.path("imap").path("host").asText());
      data.add(address.path("imap").path("user").asText());
    }
    for (JsonNode mail : Http.get(node.http(), "/v1/admin/mail-ignored", token).body()) {
      data.add(mail.path("from").asText());
      data.add(mail.path("subject").asText());
    }
    for (JsonNode entry : Http.get(node.http(), "/v1/admin/audit?limit=500", token).body()) {
      for (String field : List.of("targetId", "address", "before", "after")) {
        data.add(entry.path(field).asText());
      }
    }
    return data;
  }
}
