package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sites over REST: an admin creates a site (it gets a key), edits everything the widget reads
 * and the widget's configuration shows it; bad values are refused naming the field; nobody but an
 * admin reads or changes sites. Each change is audited with the state it replaced.
 */
class SiteAdminApiTest extends NodeTest {

  @Test
  void anAdminCreatesASiteAndTheWidgetShowsItsSettings() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String id = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/sites", admin,
        "{\"id\":\"" + id + "\",\"name\":\"The shop\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String siteKey = created.body().get("siteKey").asText();
    assertThat(siteKey).startsWith("site_").hasSize(25);
    assertThat(created.body().get("nameField").asText()).isEqualTo("required");
    assertThat(created.body().get("phoneField").asText()).isEqualTo("optional");
    assertThat(Http.call("POST", node.http(), "/v1/admin/sites", admin,
        "{\"id\":\"" + id + "\",\"name\":\"Again\"}").status()).isEqualTo(409);

    JsonNode saved = Http.call("PUT", node.http(), "/v1/admin/sites/" + id, admin, """
        {"name": "The Shop", "brandColor": "#AA3300", "language": "zh-CN",
         "greetingEn": "Welcome to the shop", "greetingZh": "欢迎光临",
         "offlineTextEn": "We answer by email.", "offlineTextZh": "我们会通过邮件回复。",
         "allowedOrigins": ["HTTPS://Shop.Example.com", "https://shop.example.com", " "],
         "phoneField": "hidden", "emailField": "optional",
         "nameLabelEn": "Your full name", "nameLabelZh": "您的全名"}""").body();
    assertThat(saved.get("brandColor").asText()).isEqualTo("#aa3300");
    assertThat(saved.get("allowedOrigins")).hasSize(1);
    assertThat(saved.get("allowedOrigins").get(0).asText()).isEqualTo("https://shop.example.com");
    assertThat(saved.get("phoneField").asText()).isEqualTo("hidden");
    assertThat(saved.get("greetingEn").asText()).as("a key left out keeps its value")
        .isEqualTo("Welcome to the shop");

    JsonNode config = Http.get(node.http(), "/v1/widget/config?siteKey="
        + URLEncoder.encode(siteKey, StandardCharsets.UTF_8), null).body();
    assertThat(config.get("siteName").asText()).isEqualTo("The Shop");
    assertThat(config.get("brandColor").asText()).isEqualTo("#aa3300");
    assertThat(config.get("language").asText()).isEqualTo("zh-CN");
    assertThat(config.get("greeting").get("zh-CN").asText()).isEqualTo("欢迎光临");
    assertThat(config.get("offlineText").get("en").asText()).isEqualTo("We answer by email.");
    assertThat(config.get("labels").get("name").get("zh-CN").asText()).isEqualTo("您的全名");
    assertThat(config.get("labels").has("email")).isFalse();
    assertThat(config.get("fields").has("phone")).as("a hidden field is not asked").isFalse();
    assertThat(config.get("fields").get("email").asText()).isEqualTo("optional");

    JsonNode cleared = Http.call("PUT", node.http(), "/v1/admin/sites/" + id, admin,
        "{\"offlineTextEn\": \"\", \"nameLabelEn\": null, \"allowedOrigins\": []}").body();
    assertThat(cleared.hasNonNull("offlineTextEn")).isFalse();
    assertThat(cleared.hasNonNull("nameLabelEn")).isFalse();
    assertThat(cleared.get("nameLabelZh").asText()).isEqualTo("您的全名");
    assertThat(cleared.get("allowedOrigins")).isEmpty();

    JsonNode listed = Http.get(node.http(), "/v1/admin/sites", admin).body();
    assertThat(listed.findValuesAsText("id")).contains(id, fixtures.siteId);

    // The audit log keeps what each change replaced, next to what was asked.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonNode changes = Http.get(node.http(), "/v1/admin/audit?targetId=" + id
          + "&action=PUT%20/v1/admin/sites/" + id, admin).body();
      assertThat(changes).hasSize(2);
      assertThat(changes.get(0).get("before").asText()).contains("\"name\":\"The shop\"")
          .contains("\"brandColor\":\"#2563eb\"");
      assertThat(changes.get(0).get("after").asText()).contains("#AA3300");
      assertThat(changes.get(1).get("before").asText()).contains("We answer by email.");
    });
  }

  @Test
  void badSettingsAreRefusedNamingTheField() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String site = "/v1/admin/sites/" + fixtures.siteId;
    assertRefused(admin, "PUT", site, "{\"brandColor\":\"blue\"}", "brandColor: ");
    assertRefused(admin, "PUT", site, "{\"language\":\"fr\"}", "language: ");
    assertRefused(admin, "PUT", site, "{\"greetingEn\":\"  \"}", "greetingEn: required");
    assertRefused(admin, "PUT", site, "{\"greetingZh\":\"" + "很".repeat(501) + "\"}",
        "greetingZh: at most 500");
    assertRefused(admin, "PUT", site, "{\"allowedOrigins\":[\"https://a.example/path\"]}",
        "allowedOrigins: 'https://a.example/path' is not an origin");
    assertRefused(admin, "PUT", site, "{\"allowedOrigins\":[\"javascript:alert(1)\"]}",
        "allowedOrigins: ");
    assertRefused(admin, "PUT", site, "{\"allowedOrigins\":\"https://a.example\"}",
        "allowedOrigins: a list");
    assertRefused(admin, "PUT", site, "{\"phoneField\":\"maybe\"}", "phoneField: ");
    assertRefused(admin, "PUT", site, "{\"nameLabelEn\":\"" + "x".repeat(61) + "\"}",
        "nameLabelEn: at most 60");
    assertRefused(admin, "PUT", site, "{\"name\":42}", "name: must be a string");
    assertRefused(admin, "PUT", site, "{\"defaultQueue\":\"no-such-queue\"}", "defaultQueue: ");
    assertRefused(admin, "POST", "/v1/admin/sites", "{\"id\":\"Bad Id\",\"name\":\"x\"}",
        "id: ");
    assertThat(Http.call("PUT", node.http(), "/v1/admin/sites/nowhere", admin, "{}").status())
        .isEqualTo(404);
    assertThat(Http.call("PUT", node.http(), site, admin,
        "{\"defaultQueue\":\"" + fixtures.queueId + "\"}").status()).isEqualTo(200);
  }

  @Test
  void onlyAdminsReadOrChangeSites() throws Exception {
    for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
      String token = Http.agentToken(node.http(), fixtures.addUser(role, 3));
      assertThat(Http.get(node.http(), "/v1/admin/sites", token).status()).isEqualTo(403);
      assertThat(Http.call("PUT", node.http(), "/v1/admin/sites/" + fixtures.siteId, token,
          "{\"name\":\"Mine now\"}").status()).isEqualTo(403);
      assertThat(Http.call("POST", node.http(), "/v1/admin/sites", token,
          "{\"id\":\"taken-over\",\"name\":\"x\"}").status()).isEqualTo(403);
    }
    assertThat(Http.get(node.http(), "/v1/admin/sites", null).status()).isEqualTo(401);
  }

  private void assertRefused(String token, String method, String path, String body,
      String message) throws Exception {
    Http.Reply reply = Http.call(method, node.http(), path, token, body);
    assertThat(reply.status()).as(body).isEqualTo(400);
    assertThat(reply.body().get("error").get("message").asText()).as(body).startsWith(message);
  }
}
