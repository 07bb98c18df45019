package io.switchboard.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A tour of a real node's REST API: the main writes (a served conversation, a ticket with notes,
 * replies and a status change, contacts, companies, notes, canned replies, maintenance windows,
 * API keys, an export), then every GET route the description names, with ids from the writes.
 * Every JSON answer is validated against the description's schema for its route and status. Every
 * GET route must answer 2xx at least once, except the few listed in {@link #NOT_TOURED} with why.
 * The answers are also written to {@code target/openapi-tour.json}, for updating the description.
 */
class OpenApiResponsesTest extends NodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  /** GET routes the tour reaches but cannot make answer 2xx, and why. */
  private static final Map<String, String> NOT_TOURED = Map.of(
      "/v1/ws", "the WebSocket upgrade; PROTOCOL.md describes what flows over it",
      "/v1/password-links/{token}", "its token is only ever mailed",
      "/v1/ticket-ratings/{token}", "its token is only ever mailed",
      "/v1/tickets/{id}/mail/{mailId}/raw", "needs a ticket opened by mail",
      "/v1/admin/campaigns/{id}/stats", "needs a campaign",
      "/v1/jobs/{id}/refused.csv", "answers a file only when an import refused rows");

  private final Map<String, String> ids = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, List<JsonNode>> samples = new java.util.TreeMap<>();
  private final Set<String> answered = new TreeSet<>();
  private OpenApiSchemas schemas;
  private String admin;
  private String visitor;

  @Test
  void everyJsonAnswerOfTheTourMatchesTheDescribedSchema() throws Exception {
    JsonNode description = Http.get(node.http(), "/v1/openapi.json", null).body();
    schemas = new OpenApiSchemas(description);
    Fixtures.Agent agentUser = fixtures.addAgent(3);
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    String agent = Http.agentToken(node.http(), agentUser);
    writes(agentUser, agent);
    adminWrites();
    List<String> routes = new ArrayList<>();
    description.get("paths").fieldNames().forEachRemaining(routes::add);
    for (String route : routes) {
      if (description.get("paths").get(route).has("get")) {
        call("GET", route, null, route.startsWith("/v1/visitor/") ? visitor : admin);
      }
    }
    Path tour = Path.of("target", "openapi-tour.json");
    Files.createDirectories(tour.getParent());
    Files.writeString(tour, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(samples));
    assertThat(problems).as("answers that do not match the description").isEmpty();
    Set<String> unanswered = new TreeSet<>();
    routes.stream().filter(route -> description.get("paths").get(route).has("get"))
        .filter(route -> !answered.contains("GET " + route))
        .filter(route -> !NOT_TOURED.containsKey(route)).forEach(unanswered::add);
    assertThat(unanswered).as("GET routes that never answered 2xx").isEmpty();
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
    call("POST", "/v1/canned-replies", "{\"shortcut\":\"tour" + System.nanoTime()
        + "\",\"text\":\"Thanks!\"}", admin);
    call("POST", "/v1/maintenance-windows", "{\"start\":\"2031-01-01T01:00:00Z\","
        + "\"end\":\"2031-01-01T02:00:00Z\",\"reason\":\"upgrade\"}", admin);
    call("POST", "/v1/admin/api-keys", "{\"name\":\"tour\",\"access\":[\"read\"],"
        + "\"resources\":[\"tickets\"]}", admin);
    ids.put("job", call("POST", "/v1/exports/{kind}", "{\"siteId\":\"" + site + "\"}", admin)
        .path("jobId").asText());
    JsonNode upload = call("POST", "/v1/attachments", "Invoice 发票", admin);
    ids.put("attachment", upload.get("id").asText());
    ids.put("attachmentQuery", upload.get("url").asText().replaceAll("^[^?]*", ""));
    visitor = call("POST", "/v1/visitors", "{\"siteKey\":\"" + fixtures.siteKey + "\"}", null)
        .get("visitorToken").asText();
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
    call("POST", "/v1/admin/users/{id}/password-reset", "{}", admin);
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
    call("POST", "/v1/admin/sla-policies", "{\"name\":\"Tour " + suffix + "\",\"position\":1,"
        + "\"conditions\":{\"queues\":[\"" + ids.get("queue") + "\"]},\"targets\":"
        + "{\"first_response\":{\"normal\":3600}}}", admin);
    ids.put("webhook", call("POST", "/v1/webhooks", "{\"siteId\":\"" + fixtures.siteId
        + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"ticket.created\"]}", admin)
        .get("id").asText());
    call("PUT", "/v1/admin/sites/{id}/retention", "{\"enabled\":false,\"days\":365,\"mode\":\"anonymise\"}",
        admin);
    call("POST", "/v1/admin/mail-addresses", "{\"siteId\":\"" + ids.get("siteId")
        + "\",\"address\":\"help-" + suffix + "@example.com\",\"queue\":\"" + ids.get("queue")
        + "\",\"displayName\":\"Help\"}", admin);
  }

  /** Calls the route with ids filled in; validates a JSON answer; returns it (or null). */
  private JsonNode call(String method, String route, String body, String token) throws Exception {
    String path = fill(route);
    HttpRequest.Builder request = HttpRequest.newBuilder(node.http().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", route.equals("/v1/attachments") ? "text/plain"
          : "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = CLIENT.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status / 100 == 2) {
      answered.add(method + " " + route);
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/json") || response.body().isEmpty()) {
      // Kept (without a body) so the description can say the status of answers without JSON.
      samples.computeIfAbsent(method + " " + route + " " + status, k -> new ArrayList<>());
      return null;
    }
    problems.addAll(schemas.problems(method, route, status, response.body()));
    JsonNode parsed = JSON.readTree(response.body());
    samples.computeIfAbsent(method + " " + route + " " + status, k -> new ArrayList<>())
        .add(parsed);
    return parsed;
  }

  private String fill(String route) {
    String kind = route.startsWith("/v1/exports/") ? "contacts" : null;
    String id = route.startsWith("/v1/conversations/") ? ids.get("conversation")
        : route.startsWith("/v1/visitor/tickets/") ? ids.get("visitorTicket")
        : route.startsWith("/v1/tickets/") ? ids.get("ticket")
        : route.startsWith("/v1/contacts/") ? ids.get("contact")
        : route.startsWith("/v1/companies/") ? ids.get("company")
        : route.startsWith("/v1/admin/sites/") ? ids.get("siteId")
        : route.startsWith("/v1/admin/queues/") ? ids.get("queue")
        : route.startsWith("/v1/admin/teams/") ? ids.get("team")
        : route.startsWith("/v1/admin/users/") ? ids.get("user")
        : route.startsWith("/v1/queues/") ? ids.get("queue")
        : route.startsWith("/v1/jobs/") ? ids.get("job")
        : route.startsWith("/v1/attachments/") ? ids.get("attachment")
        : route.startsWith("/v1/webhooks/") ? ids.get("webhook")
        : "00000000-0000-0000-0000-000000000000";
    String path = route.replace("{id}", id).replace("{siteId}", ids.get("siteId"))
        .replace("{kind}", kind == null ? "contacts" : kind).replace("{month}", "2026-11");
    String query = route.equals("/v1/attachments/{id}/content") ? ids.get("attachmentQuery")
        : QUERIES.getOrDefault(route, "");
    return path.replaceAll("\\{[a-zA-Z]+}", "x") + query.replace("SITE", ids.get("siteId"))
        .replace("KEY", fixtures.siteKey);
  }

  /** The query a GET route needs to answer 2xx. */
  private static final Map<String, String> QUERIES = Map.ofEntries(
      Map.entry("/v1/reports/overview", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/trend", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/heatmap", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/queues", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/agents", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/agent-time", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/csat", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/reports/sla", "?from=2026-11-01&to=2026-11-30"),
      Map.entry("/v1/search", "?q=Refund"),
      Map.entry("/v1/attachments", "?name=invoice.txt"),
      Map.entry("/v1/contacts", "?site=SITE"),
      Map.entry("/v1/companies", "?site=SITE"),
      Map.entry("/v1/contacts/duplicates", "?site=SITE"),
      Map.entry("/v1/widget/config", "?siteKey=KEY"),
      Map.entry("/v1/compliance-reports/{month}", "?format=csv"));
}
