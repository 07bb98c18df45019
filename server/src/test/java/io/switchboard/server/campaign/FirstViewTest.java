package io.switchboard.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loader's first view on a real node, {@code POST /v1/widget/first-view}: a CORS simple
 * request from the shop's origin that makes an anonymous visitor, puts them on the live-visitors
 * list and answers their visit pass, the launcher's look in their language and the campaign; the
 * pass then reports pages, and the chat's frame takes that visitor over with it once
 * ({@code POST /v1/visitors} with {@code visitPass}), never twice, and never with a pass the
 * frame's own report handed out. An unknown site, a site that signs its visitors in and an origin
 * outside the allow-list are refused, and then no contact is made.
 */
class FirstViewTest extends NodeTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHOP = "https://shop.first-view.test";

  private static String admin;

  @BeforeAll
  static void setUp() throws Exception {
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
  }

  /** The answer's status, its Access-Control-Allow-Origin header and its body. */
  private record Answer(int status, String allowOrigin, JsonNode body) {}

  private static Answer post(String path, String origin, String body) throws Exception {
    HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(node.http().resolve(path))
        .header("Content-Type", "text/plain;charset=UTF-8").header("Origin", origin)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(),
        response.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }

  private static String view(String siteKey, String url, String language) {
    return "{\"siteKey\": \"" + siteKey + "\", \"url\": \"" + url + "\", \"title\": \"Home 首页\","
        + " \"language\": \"" + language + "\", \"visits\": 1, \"secondsOnPage\": 0}";
  }

  /** POST /v1/visitors with a visit pass (and a visitor token, when not null). */
  private static JsonNode visitors(String siteKey, String pass, String token) throws Exception {
    Http.Reply reply = Http.post(node.http(), "/v1/visitors", "{\"siteKey\": \"" + siteKey
        + "\", \"visitPass\": \"" + pass + "\""
        + (token == null ? "" : ", \"visitorToken\": \"" + token + "\"") + "}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body();
  }

  private static String liveContact(String url) throws Exception {
    for (JsonNode visitor : Http.get(node.http(), "/v1/visitors/live", admin).body()
        .get("visitors")) {
      if (visitor.get("url").asText().equals(url)) {
        return visitor.get("contactId").asText();
      }
    }
    return null;
  }

  @Test
  void aFirstViewMakesTheVisitorWhomTheFrameTakesOverOnce() throws Exception {
    String url = SHOP + "/" + UUID.randomUUID();
    Answer first = post("/v1/widget/first-view", SHOP, view(fixtures.siteKey, url, "zh-CN"));
    assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(200);
    assertThat(first.allowOrigin()).isEqualTo(SHOP);
    String pass = first.body().get("pass").asText();
    assertThat(pass).startsWith("sbp1.");
    assertThat(first.body().get("look").get("labels").get("open").asText())
        .isEqualTo("打开在线客服");
    assertThat(first.body().get("look").get("brandColor").asText()).startsWith("#");
    assertThat(first.body().get("campaign").isNull()).isTrue();
    assertThat(first.body().get("invitation").isNull()).isTrue();
    String contactId = liveContact(url);
    assertThat(contactId).as("on the live-visitors list").isNotNull();
    assertThat(post("/v1/widget/first-view", SHOP, view(fixtures.siteKey, url, "en-GB")).body()
        .get("look").get("labels").get("open").asText()).isEqualTo("Open chat");

    String next = SHOP + "/next/" + UUID.randomUUID();
    assertThat(post("/v1/widget/page-view", SHOP, "{\"pass\": \"" + pass + "\", \"url\": \""
        + next + "\"}").status()).isEqualTo(200);
    assertThat(liveContact(next)).as("the pass reports pages").isEqualTo(contactId);
    assertThat(Http.call("GET", node.http(), "/v1/visitor/tickets", pass, null).status())
        .as("a pass is not a visitor token").isEqualTo(401);

    JsonNode taken = visitors(fixtures.siteKey, pass, null);
    assertThat(taken.get("contactId").asText()).as("the frame takes the visitor over")
        .isEqualTo(contactId);
    assertThat(Http.call("GET", node.http(), "/v1/visitor/tickets",
        taken.get("visitorToken").asText(), null).status()).isEqualTo(200);
    assertThat(visitors(fixtures.siteKey, pass, null).get("contactId").asText())
        .as("only once: a second holder of the pass gets a visitor of their own")
        .isNotEqualTo(contactId);
  }

  @Test
  void onlyAFirstViewsPassOfThisSiteIsTakenOverAndAHeldTokenWins() throws Exception {
    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    String framePass = Http.call("POST", node.http(), "/v1/widget/visit", token,
        "{\"url\": \"" + SHOP + "/\"}").body().get("pass").asText();
    String tokens = visitors(fixtures.siteKey, framePass, token).get("contactId").asText();
    assertThat(visitors(fixtures.siteKey, framePass, null).get("contactId").asText())
        .as("the frame's own pass hands nobody over").isNotEqualTo(tokens);

    String pass = post("/v1/widget/first-view", SHOP, view(fixtures.siteKey, SHOP + "/", "en"))
        .body().get("pass").asText();
    assertThat(visitors(fixtures.siteKey, pass, token).get("visitorToken").asText())
        .as("a valid token is kept").isEqualTo(token);

    String otherKey = site(null).get("siteKey").asText();
    String url = SHOP + "/other/" + UUID.randomUUID();
    String otherPass = post("/v1/widget/first-view", SHOP, view(otherKey, url, "en")).body()
        .get("pass").asText();
    String otherContact = liveContact(url);
    assertThat(visitors(fixtures.siteKey, otherPass, null).get("contactId").asText())
        .as("a pass of another site").isNotEqualTo(otherContact);
    assertThat(visitors(otherKey, otherPass, null).get("contactId").asText())
        .as("still there for its own site").isEqualTo(otherContact);
  }

  @Test
  void refusalsNameTheShopsOriginAndMakeNoContact() throws Exception {
    Answer unknown = post("/v1/widget/first-view", SHOP, view("no-such-key", SHOP + "/", "en"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.allowOrigin()).isEqualTo(SHOP);
    assertThat(post("/v1/widget/first-view", SHOP, "{\"url\": \"" + SHOP + "/\"}").body()
        .get("error").get("message").asText()).startsWith("siteKey");
    assertThat(post("/v1/widget/first-view", SHOP, "{\"siteKey\": \"" + fixtures.siteKey + "\"}")
        .body().get("error").get("message").asText()).startsWith("url");

    JsonNode listed = site("[\"" + SHOP + "\"]");
    String key = listed.get("siteKey").asText();
    assertThat(post("/v1/widget/first-view", SHOP, view(key, SHOP + "/", "en")).status())
        .isEqualTo(200);
    Answer copycat = post("/v1/widget/first-view", "https://copycat.test",
        view(key, "https://copycat.test/", "en"));
    assertThat(copycat.status()).isEqualTo(403);
    assertThat(copycat.allowOrigin()).isEqualTo("https://copycat.test");

    String identity = "/v1/admin/sites/" + listed.get("id").asText() + "/identity";
    assertThat(Http.call("POST", node.http(), identity + "/keys", admin,
        "{\"kind\":\"secret\"}").status()).isEqualTo(201);
    assertThat(Http.call("PUT", node.http(), identity, admin, "{\"enforced\":true}").status())
        .isEqualTo(200);
    assertThat(post("/v1/widget/first-view", SHOP, view(key, SHOP + "/", "en")).status())
        .as("a site that signs its visitors in").isEqualTo(401);
    assertThat(contacts(listed.get("id").asText())).as("only the allowed view made one")
        .isEqualTo(1);
  }

  /** A new site, with an origin allow-list when not null. */
  private static JsonNode site(String allowedOrigins) throws Exception {
    String id = "fv-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/sites", admin,
        "{\"id\":\"" + id + "\",\"name\":\"First-view shop\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    if (allowedOrigins != null) {
      assertThat(Http.call("PUT", node.http(), "/v1/admin/sites/" + id, admin,
          "{\"allowedOrigins\": " + allowedOrigins + "}").status()).isEqualTo(200);
    }
    return created.body();
  }

  private static long contacts(String siteId) {
    return node.node().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM contacts WHERE site_id = :site").bind("site", siteId)
        .mapTo(Long.class).one());
  }
}
