package io.switchboard.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loader's page report on a real node, {@code POST /v1/widget/page-view}: it takes the visit
 * pass the frame's own report hands out, as a CORS simple request from the shop's origin (a
 * text/plain body, no Authorization header), and every answer, refusals included, names that
 * origin so the loader can read it. A pass is not a visitor token nor the other way round, a
 * site's origin allow-list holds, the visitor joins the live-visitors list, and an agent's
 * invitation made while no socket was open arrives with the next report until it is shown, or
 * until a chat the visitor starts overtakes it.
 */
class PageViewTest extends NodeTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHOP = "https://shop.page-view.test";

  private static String admin;

  @BeforeAll
  static void setUp() throws Exception {
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
  }

  /** The answer's status, its Access-Control-Allow-Origin header and its body. */
  private record Answer(int status, String allowOrigin, JsonNode body) {}

  private static Answer pageView(String origin, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.http().resolve("/v1/widget/page-view"))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      request.header("Origin", origin);
    }
    HttpResponse<String> response = CLIENT.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(),
        response.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }

  private static String page(String pass, String url) {
    return "{\"pass\": \"" + pass + "\", \"url\": \"" + url + "\", \"title\": \"Cart 购物车\","
        + " \"language\": \"zh-CN\", \"visits\": 3, \"secondsOnPage\": 4}";
  }

  /** The pass the frame's report hands out for this visitor token. */
  private static String passOf(String visitorToken) throws Exception {
    Http.Reply reply = Http.call("POST", node.http(), "/v1/widget/visit", visitorToken,
        "{\"url\": \"https://shop.page-view.test/\", \"visits\": 1}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    assertThat(reply.body().get("invitation").isNull()).isTrue();
    return reply.body().get("pass").asText();
  }

  @Test
  void aPassReportsThePageFromTheShopsOriginAndNothingElse() throws Exception {
    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    String pass = passOf(token);
    assertThat(pass).startsWith("sbp1.");

    String url = SHOP + "/cart/" + UUID.randomUUID();
    Answer ok = pageView(SHOP, page(pass, url));
    assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(200);
    assertThat(ok.allowOrigin()).isEqualTo(SHOP);
    assertThat(ok.body().has("campaign")).isTrue();
    assertThat(ok.body().get("invitation").isNull()).isTrue();
    assertThat(ok.body().has("pass")).as("the loader keeps the pass it has").isFalse();
    JsonNode live = Http.get(node.http(), "/v1/visitors/live", admin).body().get("visitors");
    assertThat(live.findValuesAsText("url")).contains(url);

    Answer refused = pageView(SHOP, page(token, url));
    assertThat(refused.status()).as("a visitor token is not a pass").isEqualTo(401);
    assertThat(refused.allowOrigin()).as("the loader reads refusals too").isEqualTo(SHOP);
    assertThat(Http.call("GET", node.http(), "/v1/visitor/tickets", pass, null).status())
        .as("a pass is not a visitor token").isEqualTo(401);
    assertThat(Http.call("POST", node.http(), "/v1/widget/visit", pass,
        "{\"url\": \"" + url + "\"}").status()).isEqualTo(401);
    Answer noPass = pageView(SHOP, "{\"url\": \"" + url + "\"}");
    assertThat(noPass.status()).isEqualTo(400);
    assertThat(noPass.body().get("error").get("message").asText()).startsWith("pass");
    assertThat(pageView(SHOP, "not json").status()).isEqualTo(400);

    Answer sameOrigin = pageView(null, page(pass, url));
    assertThat(sameOrigin.status()).isEqualTo(200);
    assertThat(sameOrigin.allowOrigin()).isNull();
  }

  @Test
  void aSitesOriginAllowListHoldsForThePass() throws Exception {
    String id = "pv-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/sites", admin,
        "{\"id\":\"" + id + "\",\"name\":\"Allow-listed shop\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/sites/" + id, admin,
        "{\"allowedOrigins\": [\"" + SHOP + "\"]}").status()).isEqualTo(200);
    String pass = passOf(Http.visitorToken(node.http(), created.body().get("siteKey").asText()));

    assertThat(pageView(SHOP, page(pass, SHOP + "/")).status()).isEqualTo(200);
    Answer elsewhere = pageView("https://copycat.test", page(pass, "https://copycat.test/"));
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.body().get("error").get("message").asText())
        .contains("https://copycat.test");
  }

  @Test
  void anInvitationMadeWithoutASocketComesWithTheNextReportUntilItIsShown() throws Exception {
    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    String pass = passOf(token);
    String url = SHOP + "/checkout/" + UUID.randomUUID();
    assertThat(pageView(SHOP, page(pass, url)).status()).isEqualTo(200);
    String contactId = null;
    for (JsonNode visitor : Http.get(node.http(), "/v1/visitors/live", admin).body()
        .get("visitors")) {
      if (visitor.get("url").asText().equals(url)) {
        contactId = visitor.get("contactId").asText();
      }
    }
    assertThat(contactId).as("the visitor is listed").isNotNull();
    String agent = Http.agentToken(node.http(), fixtures.addAgent(3));
    Http.Reply invited = Http.call("POST", node.http(), "/v1/visitors/" + contactId + "/invite",
        agent, "{\"text\": \"Need help with the checkout? 需要帮忙吗？\"}");
    assertThat(invited.status()).as(String.valueOf(invited.body())).isEqualTo(201);
    String invitationId = invited.body().get("invitationId").asText();

    JsonNode invitation = pageView(SHOP, page(pass, url)).body().get("invitation");
    assertThat(invitation.get("invitationId").asText()).isEqualTo(invitationId);
    assertThat(invitation.get("text").asText()).isEqualTo("Need help with the checkout? 需要帮忙吗？");
    assertThat(invitation.get("campaignId").isNull()).isTrue();
    assertThat(pageView(SHOP, page(pass, url)).body().get("invitation").get("invitationId")
        .asText()).as("still pending").isEqualTo(invitationId);

    assertThat(Http.call("POST", node.http(), "/v1/widget/invitations/" + invitationId + "/shown",
        token, "{}").status()).isEqualTo(204);
    assertThat(pageView(SHOP, page(pass, url)).body().get("invitation").isNull())
        .as("shown once").isTrue();

    // A chat the visitor starts on their own overtakes an invitation not yet shown, and so does
    // one they are in when the agent sends it: it does not pop up after that chat.
    Http.Reply again = Http.call("POST", node.http(), "/v1/visitors/" + contactId + "/invite",
        agent, "{\"text\": \"Still there?\"}");
    assertThat(again.status()).as(String.valueOf(again.body())).isEqualTo(201);
    assertThat(pageView(SHOP, page(pass, url)).body().get("invitation").get("text").asText())
        .isEqualTo("Still there?");
    try (Participant visitor = Participant.connect(node.ws(), token, event -> { })) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "Grace")).get()
          .conversationId();
      assertThat(pageView(SHOP, page(pass, url)).body().get("invitation").isNull())
          .as("overtaken by the chat").isTrue();
      assertThat(Http.call("POST", node.http(), "/v1/visitors/" + contactId + "/invite", agent,
          "{\"text\": \"Anything else?\"}").status()).isEqualTo(201);
      visitor.client().close(chat, null).get();
    }
    assertThat(pageView(SHOP, page(pass, url)).body().get("invitation").isNull())
        .as("sent during a chat").isTrue();
  }
}
