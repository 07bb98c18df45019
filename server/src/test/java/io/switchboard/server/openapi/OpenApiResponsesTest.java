package io.switchboard.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A tour of a real node's REST API through {@link OpenApiTour}: the main writes (a served
 * conversation, a ticket with notes, replies and a status change, contacts, companies, notes,
 * canned replies, maintenance windows, API keys, an export, a site, queue, team and user), the
 * settings, conversation, ticket and data writes of {@link OpenApiWriteTour}, then every GET
 * route the description names with ids from the writes, then the removals. Every JSON request
 * body must match its operation's request schema and every answer the schema of its route and
 * status. Every operation must answer 2xx at least once, except the few listed in
 * {@link #NOT_TOURED} with why. The answers are written to {@code target/openapi-tour.json}.
 */
class OpenApiResponsesTest extends NodeTest {
  /** Operations the tour reaches but cannot make answer 2xx, and why. */
  private static final Map<String, String> NOT_TOURED = Map.of(
      "GET /v1/ws", "the WebSocket upgrade; PROTOCOL.md describes what flows over it",
      "GET /v1/ticket-ratings/{token}", "its token is only ever mailed",
      "POST /v1/ticket-ratings/{token}", "its token is only ever mailed",
      "GET /v1/tickets/{id}/mail/{mailId}/raw", "needs a ticket opened by mail",
      "GET /v1/jobs/{id}/refused.csv", "answers a file only when an import refused rows");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private OpenApiTour tour;
  private Map<String, String> ids;
  private String admin;
  private String visitor;

  @Test
  void everyOperationOfTheTourMatchesTheDescribedSchemas() throws Exception {
    JsonNode description = Http.get(node.http(), "/v1/openapi.json", null).body();
    tour = new OpenApiTour(node.http(), fixtures.siteKey, new OpenApiSchemas(description));
    ids = tour.ids;
    Fixtures.Agent agentUser = fixtures.addAgent(3);
    Fixtures.Agent adminUser = fixtures.addUser(Role.ADMIN, 2);
    admin = Http.agentToken(node.http(), adminUser);
    String agent = Http.agentToken(node.http(), agentUser);
    writes(agentUser, agent);
    adminWrites();
    List<String> routes = new ArrayList<>();
    description.get("paths").fieldNames().forEachRemaining(routes::add);
    try (OpenApiWriteTour more = new OpenApiWriteTour(tour, node, fixtures, admin)) {
      more.settings();
      more.conversationsAndTickets(visitor);
      more.contactsAndData();
      for (String route : routes) {
        if (description.get("paths").get(route).has("get")) {
          call("GET", route, null, route.startsWith("/v1/visitor/") ? visitor : admin);
        }
      }
      more.removals(adminUser);
    }
    tour.writeSamples();
    assertThat(tour.problems).as("calls that do not match the description").isEmpty();
    Set<String> unanswered = new TreeSet<>();
    for (String route : routes) {
      description.get("paths").get(route).fieldNames().forEachRemaining(method -> {
        String operation = method.toUpperCase(Locale.ROOT) + " " + route;
        if (METHODS.contains(method) && !tour.answered.contains(operation)
            && !NOT_TOURED.containsKey(operation)) {
          unanswered.add(operation);
        }
      });
    }
    assertThat(unanswered).as("operations that never answered 2xx").isEmpty();
  }

  private void writes(Fixtures.Agent agentUser, String agent) throws Exception {
    String site = fixtures.siteId;
    ids.put("siteId", site);
    ids.put("queue", fixtures.queueId);
    try (Participant visiting = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant serving = Participant.agent(node.http(), node.ws(), agentUser)) {
      ids.put("conversation", serving.serve(visiting, fixtures.queueId, Map.of()));
    }
    String conversation = ids.get("conversation");
    call("POST", "/v1/conversations/{id}/notes", "{\"text\":\"VIP 客户\"}", agent);
    call("PUT", "/v1/conversations/{id}/priority", "{\"priority\":7}", admin);
    JsonNode ticket = Tickets.open(node.http(), admin, fixtures.queueId, "Refund 退款");
    ids.put("ticket", ticket.get("id").asText());
    call("POST", "/v1/tickets/{id}/notes", "{\"text\":\"Checked\"}", admin);
    call("POST", "/v1/tickets/{id}/replies", "{\"text\":\"On its way\"}", admin);
    call("POST", "/v1/tickets/{id}/status", "{\"status\":\"pending\"}", admin);
    call("POST", "/v1/tickets", "{\"queue\":\"" + fixtures.queueId + "\",\"subject\":\"Hi\","
        + "\"body\":\"Text\",\"requester\":{\"name\":\"R\",\"email\":\"r@example.com\"}}", admin);
    ids.put("contact", call("POST", "/v1/contacts", "{\"siteId\":\"" + site
        + "\",\"name\":\"Ada 李\",\"email\":\"ada@example.com\"}", admin).path("id").asText());
    call("PATCH", "/v1/contacts/{id}", "{\"phone\":\"+86 10 1234 5678\"}", admin);
    call("POST", "/v1/contacts/{id}/notes", "{\"body\":\"Prefers email\"}", admin);
    ids.put("company", call("POST", "/v1/companies", "{\"siteId\":\"" + site
        + "\",\"name\":\"Acme 公司\"}", admin).path("id").asText());
    ids.put("cannedReply", call("POST", "/v1/canned-replies", "{\"shortcut\":\"tour"
        + System.nanoTime() + "\",\"text\":\"Thanks!\"}", admin).path("id").asText());
    ids.put("maintenanceWindow", call("POST", "/v1/maintenance-windows",
        "{\"start\":\"2031-01-01T01:00:00Z\",\"end\":\"2031-01-01T02:00:00Z\","
        + "\"reason\":\"upgrade\"}", admin).path("id").asText());
    ids.put("apiKey", call("POST", "/v1/admin/api-keys", "{\"name\":\"tour\",\"access\":"
        + "[\"read\"],\"resources\":[\"tickets\"]}", admin).path("id").asText());
    ids.put("job", call("POST", "/v1/exports/{kind}", "{\"siteId\":\"" + site + "\"}", admin)
        .path("jobId").asText());
    JsonNode upload = call("POST", "/v1/attachments", "Invoice 发票", admin);
    ids.put("attachment", upload.get("id").asText());
    ids.put("attachmentQuery", upload.get("url").asText().replaceAll("^[^?]*", ""));
    JsonNode visiting = call("POST", "/v1/visitors", "{\"siteKey\":\"" + fixtures.siteKey
        + "\"}", null);
    visitor = visiting.get("visitorToken").asText();
    ids.put("visitorContact", visiting.get("contactId").asText());
    ids.put("visitorTicket", call("POST", "/v1/tickets", "{\"name\":\"Maria\","
        + "\"email\":\"maria@example.com\",\"message\":\"Parcel lost 包裹丢失\"}", visitor)
        .get("ticketId").asText());
    call("POST", "/v1/agents/login", "{\"email\":\"" + agentUser.email() + "\",\"password\":\""
        + agentUser.password() + "\"}", null);
    assertThat(conversation).isNotBlank();
  }

  /** The admin's writes: a site, queue, team and user made, changed and switched off and on. */
  private void adminWrites() throws Exception {
    String suffix = Long.toString(System.nanoTime(), 36);
    call("POST", "/v1/admin/sites", "{\"id\":\"tour-" + suffix + "\",\"name\":\"Shop\"}", admin);
    ids.put("siteId", "tour-" + suffix);
    call("PUT", "/v1/admin/sites/{id}", "{\"name\":\"Shop 商店\"}", admin);
    call("POST", "/v1/admin/queues", "{\"id\":\"tq-" + suffix + "\",\"siteId\":\"tour-" + suffix
        + "\",\"name\":\"Billing\"}", admin);
    ids.put("queue", "tq-" + suffix);
    call("PUT", "/v1/admin/queues/{id}", "{\"name\":\"Billing 账单\"}", admin);
    call("POST", "/v1/queues/{id}/pause", "{}", admin);
    call("POST", "/v1/queues/{id}/resume", "{}", admin);
    call("POST", "/v1/admin/teams", "{\"id\":\"tt-" + suffix + "\",\"name\":\"Tour\"}", admin);
    ids.put("team", "tt-" + suffix);
    call("PUT", "/v1/admin/teams/{id}", "{\"name\":\"Tour 团队\"}", admin);
    String user = call("POST", "/v1/admin/users", "{\"email\":\"tour-" + suffix
        + "@example.com\",\"name\":\"李雷\",\"role\":\"agent\"}", admin).path("id").asText();
    ids.put("user", user);
    call("PUT", "/v1/admin/users/{id}", "{\"name\":\"Li Lei\"}", admin);
    ids.put("passwordToken", call("POST", "/v1/admin/users/{id}/password-reset", "{}", admin)
        .path("resetPath").asText().replaceAll(".*/", ""));
    call("POST", "/v1/admin/users/{id}/disable", "{}", admin);
    call("POST", "/v1/admin/users/{id}/enable", "{}", admin);
    call("POST", "/v1/admin/users/{id}/unlock", "{}", admin);
    call("POST", "/v1/tickets/{id}/take", "{}", admin);
    call("PUT", "/v1/tickets/{id}", "{\"priority\":\"high\"}", admin);
    call("POST", "/v1/conversations/{id}/close", "{}", admin);
    call("DELETE", "/v1/admin/teams/{id}", null, admin);
    call("PUT", "/v1/me", "{\"name\":\"张伟\"}", admin);
    call("PUT", "/v1/me/language", "{\"language\":\"zh-CN\"}", admin);
    call("PATCH", "/v1/companies/{id}", "{\"domain\":\"acme.example\"}", admin);
    call("POST", "/v1/tickets/bulk", "{\"ids\":[\"" + ids.get("ticket")
        + "\"],\"status\":\"open\"}", admin);
    ids.put("slaPolicy", call("POST", "/v1/admin/sla-policies", "{\"name\":\"Tour " + suffix
        + "\",\"position\":1,\"conditions\":{\"queues\":[\"" + ids.get("queue") + "\"]},"
        + "\"targets\":{\"first_response\":{\"normal\":3600}}}", admin).path("id").asText());
    ids.put("webhook", call("POST", "/v1/webhooks", "{\"siteId\":\"" + fixtures.siteId
        + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"ticket.created\"]}", admin)
        .get("id").asText());
    call("PUT", "/v1/admin/sites/{id}/retention", "{\"enabled\":false,\"days\":365,"
        + "\"mode\":\"anonymise\"}", admin);
    ids.put("mailAddress", call("POST", "/v1/admin/mail-addresses", "{\"siteId\":\""
        + ids.get("siteId") + "\",\"address\":\"help-" + suffix + "@example.com\",\"queue\":\""
        + ids.get("queue") + "\",\"displayName\":\"Help\"}", admin).path("id").asText());
  }

  private JsonNode call(String method, String route, String body, String token) throws Exception {
    return tour.call(method, route, body, token);
  }
}
