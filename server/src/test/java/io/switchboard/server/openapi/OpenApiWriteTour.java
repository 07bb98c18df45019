package io.switchboard.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The writes of the OpenAPI tour beyond the main ones: queue, site, campaign, SLA, webhook and
 * other settings changed; the widget's visit, a campaign shown and an invitation; a second served
 * conversation whispered to, barged into, turned into a ticket and transferred; a logged call, a
 * ticket merge and a requester's reply; contacts merged and erased, imports and a compliance
 * report; and at the end the removals, a password set by link and changed, and a logout. A
 * webhook receiver on 127.0.0.1 accepts every delivery, so one is delivered and can be replayed.
 *
 * <p>Not thread-safe: one per test.
 */
final class OpenApiWriteTour implements AutoCloseable {
  private final HttpServer receiver;
  private final OpenApiTour tour;
  private final Map<String, String> ids;
  private final TestNode node;
  private final Fixtures fixtures;
  private final String admin;

  OpenApiWriteTour(OpenApiTour tour, TestNode node, Fixtures fixtures, String admin) {
    this.tour = tour;
    this.ids = tour.ids;
    this.node = node;
    this.fixtures = fixtures;
    this.admin = admin;
    try {
      receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @Override
  public void close() {
    receiver.stop(0);
  }

  /** Queue, agent, site, campaign, SLA, canned reply, mail, webhook and data settings. */
  void settings() throws Exception {
    ids.put("agent", fixtures.addAgent(2).id().toString());
    call("PUT", "/v1/admin/agents/{id}", "{\"capacity\":4,\"skills\":[\"billing\"],"
        + "\"languages\":[\"zh\"]}");
    call("PUT", "/v1/admin/queues/{id}/hours", "{\"timeZone\":\"Asia/Shanghai\",\"hours\":"
        + "[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"18:00\"}],\"maxWaitSeconds\":600}");
    call("PUT", "/v1/admin/queues/{id}/strategy", "{\"strategy\":\"round_robin\"}");
    call("PUT", "/v1/admin/queues/{id}/skills", "{\"skills\":[\"billing\"]}");
    call("POST", "/v1/admin/queues/{id}/holidays", "{\"day\":\"2031-10-01\",\"name\":\"国庆节\"}");
    call("PUT", "/v1/admin/sites/{id}/attachments", "{\"allowedTypes\":[\"image/*\","
        + "\"application/pdf\"]}");
    ids.put("identityKey", call("POST", "/v1/admin/sites/{id}/identity/keys",
        "{\"kind\":\"secret\",\"overlapSeconds\":60}").path("keyId").asText());
    call("PUT", "/v1/admin/sites/{id}/identity", "{\"enforced\":false}");
    call("PUT", "/v1/admin/sites/{siteId}/contact-fields", "{\"fields\":[{\"key\":\"plan\","
        + "\"labelEn\":\"Plan\",\"labelZh\":\"套餐\",\"kind\":\"choice\","
        + "\"choices\":[\"free\",\"pro\"]}]}");
    String campaign = "{\"queueId\":\"" + fixtures.queueId + "\",\"name\":\"Pricing help\","
        + "\"urlPattern\":\"*/pricing*\",\"message\":{\"en\":\"Questions about prices?\","
        + "\"zh-CN\":\"对价格有疑问吗？\"}";
    ids.put("campaign", call("POST", "/v1/admin/campaigns", campaign + ",\"siteId\":\""
        + fixtures.siteId + "\"}").path("id").asText());
    call("PUT", "/v1/admin/campaigns/{id}", campaign + ",\"capDays\":7,\"enabled\":true}");
    call("PUT", "/v1/admin/mail-addresses/{id}", "{\"displayName\":\"Help desk 帮助\"}");
    call("PUT", "/v1/admin/sla-policies/{id}", "{\"warnPercent\":80}");
    call("PUT", "/v1/canned-replies/{id}", "{\"shortcut\":\"tour" + System.nanoTime()
        + "\",\"text\":\"Thank you! 谢谢！\"}");
    call("PUT", "/v1/webhooks/{id}", "{\"url\":\"http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\",\"events\":"
        + "[\"ticket.created\",\"ticket.solved\"],\"enabled\":true,\"description\":\"CRM\"}");
    call("POST", "/v1/webhooks/{id}/secret", "{}");
    call("POST", "/v1/admin/retention/run", "{}");
    call("POST", "/v1/compliance-reports/{month}/generate", "{}");
  }

  /**
   * The widget's visit and a campaign's invitation; a second conversation served, supervised,
   * turned into a ticket and transferred (it is the tour's conversation from here on); a call,
   * a merge, the requester's reply and the webhook deliveries these made.
   */
  void conversationsAndTickets(String visitor) throws Exception {
    String page = "{\"url\":\"https://shop.example/pricing\",\"title\":\"Pricing 价格\","
        + "\"language\":\"zh-CN\",\"visits\":2,\"secondsOnPage\":30}";
    String pass = tour.call("POST", "/v1/widget/visit", page, visitor).path("pass").asText();
    tour.call("POST", "/v1/widget/page-view", page.replace("{", "{\"pass\":\"" + pass + "\","),
        null);
    tour.call("POST", "/v1/widget/first-view",
        page.replace("{", "{\"siteKey\":\"" + fixtures.siteKey + "\","), null);
    ids.put("invitation", tour.call("POST", "/v1/widget/campaigns/{id}/shown", page, visitor)
        .path("invitationId").asText());
    tour.call("POST", "/v1/widget/invitations/{id}/{touch}", "{}", visitor);
    call("POST", "/v1/visitors/{contactId}/invite", "{\"text\":\"Can I help? 需要帮忙吗？\"}");
    try (Participant visiting = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant serving = Participant.agent(node.http(), node.ws(), fixtures.addAgent(2))) {
      ids.put("conversation", serving.serve(visiting, fixtures.queueId, Map.of()));
      call("POST", "/v1/conversations/{id}/whisper", "{\"text\":\"Offer the refund 可以退款\"}");
      call("POST", "/v1/conversations/{id}/barge", "{}");
      call("POST", "/v1/conversations/{id}/ticket", "{\"subject\":\"Broken parcel 包裹破损\","
          + "\"type\":\"incident\",\"priority\":\"high\",\"note\":\"From the chat\"}");
      call("POST", "/v1/conversations/{id}/transfer", "{\"toQueue\":\"" + fixtures.queueId
          + "\",\"note\":\"Billing question\"}");
    }
    call("POST", "/v1/tickets/{id}/calls", "{\"caller\":\"+86 21 5555 0100\","
        + "\"direction\":\"inbound\",\"startedAt\":\"2026-11-30T02:00:00Z\","
        + "\"durationSeconds\":240,\"outcome\":\"call back\",\"summary\":\"Asked about 退款\"}");
    String duplicate = Tickets.open(node.http(), admin, fixtures.queueId, "Refund again 再次退款")
        .get("id").asText();
    tour.call("POST", "/v1/tickets/{id}/merge", duplicate, "{\"into\":\"" + ids.get("ticket")
        + "\"}", admin);
    tour.call("POST", "/v1/visitor/tickets/{id}/replies", "{\"text\":\"Any news? 有消息吗？\"}",
        visitor);
    String log = "/v1/webhooks/" + ids.get("webhook") + "/deliveries?status=delivered";
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        Http.get(node.http(), log, admin).body().path("deliveries").size() > 0);
    ids.put("delivery", Http.get(node.http(), log, admin).body().path("deliveries").path(0)
        .path("id").asText());
    call("POST", "/v1/webhooks/{id}/deliveries/{delivery}/replay", "{}");
    call("POST", "/v1/webhooks/{id}/replay-failed", "{}");
  }

  /** Contacts merged and erased, and contacts and transcripts imported (dry runs). */
  void contactsAndData() throws Exception {
    String merged = call("POST", "/v1/contacts", "{\"siteId\":\"" + fixtures.siteId
        + "\",\"name\":\"Ada Li\",\"email\":\"ada.li@example.com\"}").path("id").asText();
    call("POST", "/v1/contacts/{id}/merge", "{\"mergedId\":\"" + merged + "\"}");
    String erased = call("POST", "/v1/contacts", "{\"siteId\":\"" + fixtures.siteId
        + "\",\"name\":\"Wang Fang 王芳\",\"email\":\"wang@example.com\"}").path("id").asText();
    tour.call("POST", "/v1/contacts/{id}/gdpr-erase", erased, "{\"confirm\":\"ERASE\","
        + "\"reason\":\"Asked to be forgotten\"}", admin);
    call("POST", "/v1/imports/contacts", "{\"siteId\":\"" + fixtures.siteId + "\",\"format\":"
        + "\"csv\",\"dryRun\":true,\"content\":\"email,name\\nmei@example.cn,王美\\n\"}");
    call("POST", "/v1/imports/transcripts", "{\"siteId\":\"" + fixtures.siteId + "\",\"format\":"
        + "\"json\",\"dryRun\":true,\"content\":\"[{\\\"id\\\":\\\"tour-1\\\",\\\"contact\\\":"
        + "{\\\"email\\\":\\\"zhao@example.cn\\\"},\\\"started\\\":\\\"2025-01-02T03:00:00Z\\\","
        + "\\\"closed\\\":\\\"2025-01-02T03:10:00Z\\\",\\\"messages\\\":[{\\\"at\\\":"
        + "\\\"2025-01-02T03:01:00Z\\\",\\\"author\\\":\\\"visitor\\\",\\\"text\\\":\\\"退款\\\"}]}]\"}");
  }

  /** After the GET routes: what the writes made removed, passwords set, and a logout. */
  void removals(Fixtures.Agent adminUser) throws Exception {
    call("DELETE", "/v1/admin/queues/{id}/holidays/{day}", null);
    call("DELETE", "/v1/admin/sites/{id}/identity/keys/{keyId}", null);
    call("DELETE", "/v1/admin/mail-addresses/{id}", null);
    call("DELETE", "/v1/admin/sla-policies/{id}", null);
    call("DELETE", "/v1/canned-replies/{id}", null);
    call("DELETE", "/v1/maintenance-windows/{id}", null);
    call("DELETE", "/v1/webhooks/{id}", null);
    call("DELETE", "/v1/admin/api-keys/{id}", null);
    tour.call("POST", "/v1/password-links/{token}", "{\"password\":\"Tour-password-2031\"}",
        null);
    call("POST", "/v1/me/password", "{\"currentPassword\":\"" + adminUser.password()
        + "\",\"newPassword\":\"Tour-password-2031-new\"}");
    call("POST", "/v1/agents/logout", "{\"everywhere\":false}");
  }

  private JsonNode call(String method, String route, String body) throws Exception {
    return tour.call(method, route, body, admin);
  }
}
