package io.switchboard.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description served at {@code /v1/openapi.json} names exactly the endpoints a real
 * node registers (its HTTP router's own and every REST route): a route missing from the
 * description fails, and so does a described route the server does not have. Every operation has
 * a response, every path parameter is declared, and security names a declared scheme. No
 * operation keeps the generic placeholder schema or a bare object or array as its request or
 * response schema; the few that answer no JSON are listed and declare their media type.
 */
class OpenApiRoutesTest extends NodeTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final String GENERIC = "#/components/schemas/AnyObject";
  /** Operations whose success answers no JSON: each declares the media type it does answer. */
  private static final Set<String> NOT_JSON = Set.of(
      "GET /metrics", // Prometheus text
      "GET /v1/admin/audit/export", // NDJSON lines
      "GET /v1/attachments/{id}/content", // the uploaded file, as its own type
      "GET /v1/compliance-reports/{month}", // HTML, PDF or CSV
      "GET /v1/contacts/{id}/gdpr-export", // a zip
      "GET /v1/conversations/{id}/transcript.csv",
      "GET /v1/conversations/{id}/transcript.html",
      "GET /v1/jobs/{id}/file", // the export file
      "GET /v1/jobs/{id}/refused.csv",
      "GET /v1/ticket-ratings/{token}", // the rating page
      "GET /v1/tickets/{id}/mail/{mailId}/raw", // the mail as received
      "GET /v1/ws"); // the WebSocket upgrade (101)

  @Test
  void theDescriptionNamesEveryRegisteredRouteAndNothingElse() throws Exception {
    Http.Reply reply = Http.get(node.http(), "/v1/openapi.json", null);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode description = reply.body();
    assertThat(description.get("openapi").asText()).startsWith("3.1");
    Set<String> registered = new TreeSet<>(node.node().server().endpoints());
    assertThat(registered).contains("GET /v1/openapi.json", "POST /v1/agents/login",
        "GET /v1/tickets", "GET /v1/admin/api-keys");
    Set<String> described = described(description);
    Set<String> missing = new TreeSet<>(registered);
    missing.removeAll(described);
    Set<String> unknown = new TreeSet<>(described);
    unknown.removeAll(registered);
    assertThat(missing).as("routes the server registers but the description lacks").isEmpty();
    assertThat(unknown).as("described routes the server does not have").isEmpty();
  }

  @Test
  void everyOperationDeclaresItsPathParametersResponsesAndKnownSecuritySchemes() throws Exception {
    JsonNode description = Http.get(node.http(), "/v1/openapi.json", null).body();
    JsonNode schemes = description.get("components").get("securitySchemes");
    assertThat(schemes.has("userToken")).isTrue();
    assertThat(schemes.has("apiKey")).isTrue();
    for (Iterator<Map.Entry<String, JsonNode>> paths = description.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      Set<String> needed = new TreeSet<>();
      java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}")
          .matcher(path.getKey());
      while (names.find()) {
        needed.add(names.group(1));
      }
      path.getValue().fields().forEachRemaining(operation -> {
        if (!METHODS.contains(operation.getKey())) {
          return;
        }
        String name = operation.getKey() + " " + path.getKey();
        Set<String> declared = new TreeSet<>();
        operation.getValue().path("parameters").forEach(parameter -> {
          if (parameter.get("in").asText().equals("path")) {
            declared.add(parameter.get("name").asText());
          }
        });
        assertThat(declared).as(name + " path parameters").isEqualTo(needed);
        assertThat(operation.getValue().get("responses").size()).as(name).isPositive();
        operation.getValue().path("security").forEach(requirement -> requirement.fieldNames()
            .forEachRemaining(scheme -> assertThat(schemes.has(scheme)).as(name).isTrue()));
      });
    }
  }

  @Test
  void everyOperationDescribesItsRealRequestAndResponseSchemas() throws Exception {
    JsonNode description = Http.get(node.http(), "/v1/openapi.json", null).body();
    Set<String> generic = new TreeSet<>();
    Set<String> withoutJson = new TreeSet<>();
    description.get("paths").fields().forEachRemaining(path -> path.getValue().fields()
        .forEachRemaining(operation -> {
          if (!METHODS.contains(operation.getKey())) {
            return;
          }
          String name = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
          JsonNode request = operation.getValue().path("requestBody").path("content")
              .path("application/json").path("schema");
          if (!request.isMissingNode() && vague(request)) {
            generic.add(name + " request");
          }
          operation.getValue().get("responses").fields().forEachRemaining(response -> {
            JsonNode content = response.getValue().path("content");
            if (content.has("application/json")
                && vague(content.get("application/json").path("schema"))) {
              generic.add(name + " " + response.getKey());
            } else if (response.getKey().startsWith("2") && content.size() > 0
                && !content.has("application/json") && !NOT_JSON.contains(name)) {
              withoutJson.add(name + " " + response.getKey());
            }
          });
        }));
    assertThat(generic).as("operations with a generic request or response schema").isEmpty();
    assertThat(withoutJson).as("operations answering no JSON but not listed in NOT_JSON")
        .isEmpty();
    for (String name : NOT_JSON) {
      String[] parts = name.split(" ");
      JsonNode responses = description.get("paths").get(parts[1])
          .get(parts[0].toLowerCase(java.util.Locale.ROOT)).get("responses");
      Set<String> types = new TreeSet<>();
      responses.fields().forEachRemaining(response -> {
        if (response.getKey().startsWith("2") || response.getKey().equals("101")) {
          response.getValue().path("content").fieldNames().forEachRemaining(types::add);
        }
      });
      assertThat(types).as(name + " media types").doesNotContain("application/json");
      assertThat(types.isEmpty()).as(name + " declares its media type")
          .isEqualTo(name.equals("GET /v1/ws"));
    }
  }

  /** A schema that says nothing: the placeholder, empty, or a bare object or array. */
  private static boolean vague(JsonNode schema) {
    if (schema.path("$ref").asText().equals(GENERIC) || schema.isMissingNode()
        || schema.isEmpty()) {
      return true;
    }
    return schema.size() == 1 && schema.has("type")
        && Set.of("object", "array").contains(schema.get("type").asText());
  }

  private static Set<String> described(JsonNode description) {
    Set<String> described = new TreeSet<>();
    description.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> {
          if (METHODS.contains(method)) {
            described.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
          }
        }));
    return described;
  }
}
