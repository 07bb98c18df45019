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
 * a response, every path parameter is declared, and security names a declared scheme.
 */
class OpenApiRoutesTest extends NodeTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

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
