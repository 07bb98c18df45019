package io.switchboard.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns end to end on a real node: an admin's campaign matches the visitor's page, is shown
 * once within its cap, and a reply starts a conversation in the campaign's queue, marked with it
 * and opened by the invitation's text; the statistics count it all; an agent invites a visitor
 * who is on the site now, and the invitation reaches their open connection.
 */
class CampaignFlowTest extends NodeTest {
  private static String admin;
  private static String salesQueue;
  private static Fixtures.Agent salesAgent;
  private static Jdbi jdbi;

  @BeforeAll
  static void setUp() throws Exception {
    jdbi = node.node().database().jdbi();
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    salesQueue = "sales-" + UUID.randomUUID().toString().substring(0, 8);
    new QueueDao(jdbi).create(new QueueInfo(salesQueue, fixtures.siteId, "Sales", 0));
    salesAgent = fixtures.addAgent(3);
    new UserDao(jdbi).addToQueue(salesQueue, salesAgent.id());
  }

  private static String campaignBody(String name, String pattern, int seconds) {
    return """
        {"siteId": "%s", "queueId": "%s", "name": "%s", "urlPattern": "%s",
         "minSecondsOnPage": %d, "capDays": 7, "languages": ["en", "zh-CN"],
         "message": {"en": "Questions about pricing?", "zh-CN": "对价格有疑问吗？"}}"""
        .formatted(fixtures.siteId, salesQueue, name, pattern, seconds);
  }

  private static JsonNode expect(int status, Http.Reply reply) {
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
    return reply.body();
  }

  private static JsonNode visit(String visitor, String url, String language, int seconds)
      throws Exception {
    return expect(200, Http.call("POST", node.http(), "/v1/widget/visit", visitor,
        "{\"url\": \"" + url + "\", \"language\": \"" + language + "\", \"visits\": 2,"
            + " \"secondsOnPage\": " + seconds + ", \"title\": \"Pricing\"}"));
  }

  @Test
  void badCampaignsAreRefusedNamingTheField() throws Exception {
    String agent = Http.agentToken(node.http(), fixtures.addAgent(3));
    assertThat(Http.call("POST", node.http(), "/v1/admin/campaigns", agent,
        campaignBody("x", "*", 0)).status()).isEqualTo(403);
    for (Map.Entry<String, String> bad : Map.of(
        "queueId:", campaignBody("x", "*", 0).replace(salesQueue, "no-such-queue"),
        "message.zh-CN:", campaignBody("x", "*", 0).replace("对价格有疑问吗？", " "),
        "minSecondsOnPage:", campaignBody("x", "*", -5),
        "visitor:", campaignBody("x", "*", 0).replace("\"capDays\"", "\"visitor\": \"all\", \"capDays\""),
        "languages:", campaignBody("x", "*", 0).replace("\"zh-CN\"]", "\"1x\"]")).entrySet()) {
      Http.Reply reply = Http.call("POST", node.http(), "/v1/admin/campaigns", admin,
          bad.getValue());
      assertThat(reply.status()).as(bad.getKey()).isEqualTo(400);
      assertThat(reply.body().get("error").get("message").asText()).startsWith(bad.getKey());
    }
  }

  @Test
  void aMatchingPageShowsTheCampaignOnceAndAReplyStartsItsChat() throws Exception {
    JsonNode created = expect(201, Http.call("POST", node.http(), "/v1/admin/campaigns", admin,
        campaignBody("Pricing " + UUID.randomUUID(), "*/pricing*", 20)));
    String campaignId = created.get("id").asText();
    assertThat(created.get("languages")).hasSize(2);

    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    assertThat(visit(token, "https://shop.test/about", "en", 0).get("campaign").isNull())
        .as("another page").isTrue();
    JsonNode offer = visit(token, "https://shop.test/pricing", "zh-CN", 5).get("campaign");
    assertThat(offer.get("id").asText()).isEqualTo(campaignId);
    assertThat(offer.get("afterSeconds").asInt()).isEqualTo(15);
    assertThat(offer.get("text").asText()).isEqualTo("对价格有疑问吗？");

    String page = "{\"url\": \"https://shop.test/pricing\", \"language\": \"en\", \"visits\": 2,";
    assertThat(Http.call("POST", node.http(), "/v1/widget/campaigns/" + campaignId + "/shown",
        token, page + " \"secondsOnPage\": 5}").status()).as("too early").isEqualTo(409);
    JsonNode shown = expect(201, Http.call("POST", node.http(),
        "/v1/widget/campaigns/" + campaignId + "/shown", token, page + " \"secondsOnPage\": 21}"));
    String invitationId = shown.get("invitationId").asText();
    assertThat(shown.get("text").asText()).isEqualTo("Questions about pricing?");
    assertThat(Http.call("POST", node.http(), "/v1/widget/campaigns/" + campaignId + "/shown",
        token, page + " \"secondsOnPage\": 40}").status()).as("the cap").isEqualTo(409);
    assertThat(visit(token, "https://shop.test/pricing", "en", 50).get("campaign").isNull())
        .as("capped for 7 days").isTrue();
    expect(204, Http.call("POST", node.http(), "/v1/widget/invitations/" + invitationId
        + "/opened", token, "{}"));
    assertThat(Http.call("POST", node.http(), "/v1/widget/invitations/" + invitationId
        + "/liked", token, "{}").status()).isEqualTo(400);

    try (Participant agent = Participant.agent(node.http(), node.ws(), salesAgent);
        Participant visitor = Participant.connect(node.ws(), token, event -> { })) {
      agent.client().setStatus("online").get();
      ServerMessage.Started started = visitor.client()
          .reply(invitationId, Map.of("name", "Lena"), "en").get();
      assertThat(started.queue()).isEqualTo(salesQueue);
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId()
          .equals(started.conversationId()), Duration.ofSeconds(15));
      visitor.client().send(started.conversationId(), "Yes, about the pro plan").get();
      agent.client().accept(started.conversationId()).get();
      agent.await(ServerMessage.Message.class, m -> m.text().equals("Yes, about the pro plan"),
          Duration.ofSeconds(10));
      List<String> texts = jdbi.withHandle(h -> h.createQuery(
              "SELECT body FROM messages WHERE conversation_id = :id ORDER BY seq")
          .bind("id", UUID.fromString(started.conversationId())).mapTo(String.class).list());
      assertThat(texts).containsExactly("Questions about pricing?", "Yes, about the pro plan");
      UUID marked = jdbi.withHandle(h -> h.createQuery(
              "SELECT campaign_id FROM conversations WHERE id = :id")
          .bind("id", UUID.fromString(started.conversationId())).mapTo(UUID.class).one());
      assertThat(marked).hasToString(campaignId);
      ServerMessage.Started again = visitor.client().reply(invitationId, Map.of(), "en").get();
      assertThat(again.conversationId()).as("a retry gets the open one back")
          .isEqualTo(started.conversationId());
      long stored = jdbi.withHandle(h -> h.createQuery(
              "SELECT count(*) FROM messages WHERE conversation_id = :id")
          .bind("id", UUID.fromString(started.conversationId())).mapTo(Long.class).one());
      assertThat(stored).as("the invitation is stored once").isEqualTo(2L);

      UUID contactId = jdbi.withHandle(h -> h.createQuery(
              "SELECT contact_id FROM conversations WHERE id = :id")
          .bind("id", UUID.fromString(started.conversationId())).mapTo(UUID.class).one());
      List<String> kinds = jdbi.withHandle(h -> h.createQuery(
              "SELECT kind FROM contact_events WHERE contact_id = :id ORDER BY id")
          .bind("id", contactId).mapTo(String.class).list());
      assertThat(kinds).containsExactly("campaign.shown", "campaign.opened", "campaign.replied");

      String stats = "/v1/admin/campaigns/" + campaignId + "/stats";
      JsonNode before = expect(200, Http.get(node.http(), stats, admin));
      assertThat(List.of(before.get("shown").asLong(), before.get("opened").asLong(),
          before.get("chats").asLong(), before.get("leads").asLong()))
          .containsExactly(1L, 1L, 1L, 0L);
      // The agent marks the campaign's visitor as a lead, as the chat sidebar does.
      expect(200, Http.call("PATCH", node.http(), "/v1/contacts/" + contactId, admin,
          "{\"stage\":\"lead\",\"ownerId\":\"" + salesAgent.id() + "\"}"));
      assertThat(expect(200, Http.get(node.http(), stats, admin)).get("leads").asLong())
          .isEqualTo(1L);
      assertThat(expect(200, Http.get(node.http(), stats + "?from=2020-01-01&to=2020-01-31",
          admin)).get("shown").asLong()).as("another date range").isZero();
      assertThat(Http.get(node.http(), stats + "?from=yesterday", admin).status())
          .isEqualTo(400);
    }
  }

  @Test
  void anAgentInvitesAVisitorOnTheSiteNow() throws Exception {
    String token = Http.visitorToken(node.http(), fixtures.siteKey);
    Fixtures.Agent inviter = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), inviter);
    try (Participant visitor = Participant.connect(node.ws(), token, event -> { })) {
      visit(token, "https://shop.test/checkout", "en", 3);
      JsonNode live = expect(200, Http.get(node.http(), "/v1/visitors/live", agentToken))
          .get("visitors");
      JsonNode mine = null;
      for (JsonNode v : live) {
        if (v.get("url").asText().equals("https://shop.test/checkout")) {
          mine = v;
        }
      }
      assertThat(mine).as("the visitor is listed").isNotNull();
      assertThat(mine.get("returning").asBoolean()).isTrue();
      assertThat(mine.get("language").asText()).isEqualTo("en");
      String contactId = mine.get("contactId").asText();

      Fixtures elsewhere = Fixtures.create(jdbi);
      String stranger = Http.agentToken(node.http(), elsewhere.addAgent(3));
      JsonNode theirs = expect(200, Http.get(node.http(), "/v1/visitors/live", stranger))
          .get("visitors");
      assertThat(theirs.findValuesAsText("contactId")).doesNotContain(contactId);
      assertThat(Http.call("POST", node.http(), "/v1/visitors/" + contactId + "/invite",
          stranger, "{\"text\": \"Hello\"}").status()).isEqualTo(404);

      JsonNode invited = expect(201, Http.call("POST", node.http(),
          "/v1/visitors/" + contactId + "/invite", agentToken,
          "{\"text\": \"Can I help you check out?\"}"));
      ServerMessage.Invite invite = visitor.await(ServerMessage.Invite.class);
      assertThat(invite.invitationId()).isEqualTo(invited.get("invitationId").asText());
      assertThat(invite.text()).isEqualTo("Can I help you check out?");
      assertThat(invite.sender().name()).isEqualTo(inviter.name());
      assertThat(invite.campaignId()).isNull();

      ServerMessage.Started started = visitor.client()
          .reply(invite.invitationId(), Map.of(), "en").get();
      assertThat(started.queue()).as("the site's default queue").isEqualTo(fixtures.queueId);
      ServerMessage.Message first = visitor.await(ServerMessage.Message.class,
          m -> m.conversationId().equals(started.conversationId()), Duration.ofSeconds(10));
      assertThat(first.text()).isEqualTo("Can I help you check out?");
      assertThat(first.seq()).isEqualTo(1);
    }
  }
}
