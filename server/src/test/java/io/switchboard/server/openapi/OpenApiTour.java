package io.switchboard.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The calls of the OpenAPI tour: each call fills a described route's path parameters from the
 * ids earlier writes gave, checks a JSON request body against the operation's request schema,
 * sends it, and checks a JSON answer against the schema of its status. What does not match is
 * collected in {@link #problems}; every operation that answered 2xx is in {@link #answered}.
 *
 * <p>Not thread-safe: one per test.
 */
final class OpenApiTour {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

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

  /** Ids from the writes, by name, for the path parameters of later calls. */
  final Map<String, String> ids = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  final Set<String> answered = new TreeSet<>();
  private final Map<String, List<JsonNode>> samples = new TreeMap<>();
  private final URI base;
  private final String siteKey;
  private final OpenApiSchemas schemas;

  OpenApiTour(URI base, String siteKey, OpenApiSchemas schemas) {
    this.base = base;
    this.siteKey = siteKey;
    this.schemas = schemas;
  }

  /** Calls the route with ids filled in; validates the JSON body and answer; returns it (or null). */
  JsonNode call(String method, String route, String body, String token) throws Exception {
    return call(method, route, null, body, token);
  }

  /**
   * The same, with {@code id} (when not null) as the route's {@code {id}} instead of the one the
   * route's resource would get from {@link #ids}.
   */
  JsonNode call(String method, String route, String id, String body, String token)
      throws Exception {
    String path = fill(route, id);
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    boolean upload = route.equals("/v1/attachments");
    if (body != null) {
      request.header("Content-Type", upload ? "text/plain" : "application/json");
      if (!upload) {
        problems.addAll(schemas.requestProblems(method, route, body));
      }
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
      problems.addAll(schemas.emptyAnswerProblems(method, route, status, type));
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

  /** Writes every answer seen to {@code target/openapi-tour.json}, for updating the description. */
  void writeSamples() throws Exception {
    Path tour = Path.of("target", "openapi-tour.json");
    Files.createDirectories(tour.getParent());
    Files.writeString(tour, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(samples));
  }

  private String fill(String route, String given) {
    String id = given != null ? given
        : route.startsWith("/v1/conversations/") ? ids.get("conversation")
        : route.startsWith("/v1/visitor/tickets/") ? ids.get("visitorTicket")
        : route.startsWith("/v1/tickets/") ? ids.get("ticket")
        : route.startsWith("/v1/contacts/") ? ids.get("contact")
        : route.startsWith("/v1/companies/") ? ids.get("company")
        : route.startsWith("/v1/admin/sites/") ? ids.get("siteId")
        : route.startsWith("/v1/admin/queues/") ? ids.get("queue")
        : route.startsWith("/v1/admin/teams/") ? ids.get("team")
        : route.startsWith("/v1/admin/users/") ? ids.get("user")
        : route.startsWith("/v1/admin/agents/") ? ids.get("agent")
        : route.startsWith("/v1/admin/api-keys/") ? ids.get("apiKey")
        : route.startsWith("/v1/admin/campaigns/") ? ids.get("campaign")
        : route.startsWith("/v1/admin/mail-addresses/") ? ids.get("mailAddress")
        : route.startsWith("/v1/admin/sla-policies/") ? ids.get("slaPolicy")
        : route.startsWith("/v1/canned-replies/") ? ids.get("cannedReply")
        : route.startsWith("/v1/maintenance-windows/") ? ids.get("maintenanceWindow")
        : route.startsWith("/v1/widget/campaigns/") ? ids.get("campaign")
        : route.startsWith("/v1/widget/invitations/") ? ids.get("invitation")
        : route.startsWith("/v1/queues/") ? ids.get("queue")
        : route.startsWith("/v1/jobs/") ? ids.get("job")
        : route.startsWith("/v1/attachments/") ? ids.get("attachment")
        : route.startsWith("/v1/webhooks/") ? ids.get("webhook")
        : "00000000-0000-0000-0000-000000000000";
    String path = route.replace("{id}", id).replace("{siteId}", ids.get("siteId"))
        .replace("{kind}", "contacts").replace("{month}", "2026-11")
        .replace("{contactId}", ids.getOrDefault("visitorContact", "x"))
        .replace("{token}", ids.getOrDefault("passwordToken", "x"))
        .replace("{keyId}", ids.getOrDefault("identityKey", "x"))
        .replace("{delivery}", ids.getOrDefault("delivery", "x"))
        .replace("{day}", "2031-10-01").replace("{touch}", "opened");
    String query = route.equals("/v1/attachments/{id}/content") ? ids.get("attachmentQuery")
        : QUERIES.getOrDefault(route, "");
    return path.replaceAll("\\{[a-zA-Z]+}", "x") + query.replace("SITE", ids.get("siteId"))
        .replace("KEY", siteKey);
  }
}
