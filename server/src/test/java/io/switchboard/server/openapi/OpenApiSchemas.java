package io.switchboard.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;

/**
 * Validates a JSON response against the OpenAPI description's schema for its route and status
 * (the status's own response, else {@code default}), a request body against the operation's
 * request schema, and an answer without JSON against its described status and media type, with
 * the description's components in reach of every {@code $ref}. Uses JSON Schema 2020-12, which
 * OpenAPI 3.1 schemas are.
 *
 * <p>Not thread-safe: one per test.
 */
final class OpenApiSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode description;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  OpenApiSchemas(JsonNode description) {
    this.description = description;
  }

  /** The described response for the route and status, or null when none is described. */
  JsonNode response(String method, String route, int status) {
    JsonNode responses = description.path("paths").path(route)
        .path(method.toLowerCase(Locale.ROOT)).path("responses");
    JsonNode response = responses.has(String.valueOf(status))
        ? responses.get(String.valueOf(status)) : responses.get("default");
    if (response != null && response.has("$ref")) {
      String name = response.get("$ref").asText().replace("#/components/responses/", "");
      response = description.get("components").get("responses").get(name);
    }
    return response;
  }

  /**
   * The problems of {@code body} against the schema of the route's {@code status} response with
   * media type application/json; a list naming the gap when no such schema is described.
   */
  List<String> problems(String method, String route, int status, String body) {
    JsonNode response = response(method, route, status);
    JsonNode schema = response == null ? null
        : response.path("content").path("application/json").get("schema");
    if (schema == null) {
      return List.of("no JSON schema described for " + method + " " + route + " " + status);
    }
    return validate(schema, body, method + " " + route + " " + status);
  }

  /**
   * The problems of a request body the tour sends against the operation's request schema
   * (application/json); a list naming the gap when the operation describes no JSON body.
   */
  List<String> requestProblems(String method, String route, String body) {
    JsonNode schema = description.path("paths").path(route).path(method.toLowerCase(Locale.ROOT))
        .path("requestBody").path("content").path("application/json").get("schema");
    if (schema == null) {
      return List.of("no JSON request body described for " + method + " " + route);
    }
    return validate(schema, body, method + " " + route + " request");
  }

  /**
   * The problems of a 2xx answer without a JSON body: its status must be described (not only
   * {@code default}), without JSON content, and with the media type of a file it answers.
   */
  List<String> emptyAnswerProblems(String method, String route, int status, String contentType) {
    if (status / 100 != 2) {
      return List.of();
    }
    String name = method + " " + route + " " + status;
    JsonNode response = description.path("paths").path(route)
        .path(method.toLowerCase(Locale.ROOT)).path("responses").get(String.valueOf(status));
    if (response == null) {
      return List.of(name + ": the status is not described");
    }
    String type = contentType.split(";")[0].strip();
    JsonNode content = response.path("content");
    if (type.isEmpty() || type.equals("application/json")) {
      return content.has("application/json")
          ? List.of(name + ": answered no body, described with a JSON body") : List.of();
    }
    String range = type.replaceAll("/.*", "/*");
    return content.has(type) || content.has(range) || content.has("*/*") ? List.of()
        : List.of(name + ": answered " + type + ", described " + content);
  }

  private List<String> validate(JsonNode schema, String body, String name) {
    ObjectNode wrapped = schema.deepCopy().isObject() ? (ObjectNode) schema.deepCopy()
        : JSON.createObjectNode();
    wrapped.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapped.set("components", description.get("components"));
    Schema compiled = registry.getSchema(wrapped.toString(), InputFormat.JSON);
    return compiled.validate(body, InputFormat.JSON).stream()
        .map(error -> name + ": " + error.getMessage()).toList();
  }
}
