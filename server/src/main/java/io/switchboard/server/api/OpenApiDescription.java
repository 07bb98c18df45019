package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of every REST endpoint, kept as the
 * resource {@code openapi/openapi.json} and read once at start. Anyone may read it. Tests check
 * that it names exactly the routes the server registers and that responses match its schemas.
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenApiDescription {
  /** Where the description lives among the server's resources. */
  public static final String RESOURCE = "/openapi/openapi.json";

  private final JsonNode description;

  private OpenApiDescription(JsonNode description) {
    this.description = description;
  }

  /** The description from the server's resources. */
  public static OpenApiDescription load() {
    try (InputStream in = OpenApiDescription.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server's resources");
      }
      return new OpenApiDescription(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/openapi.json",
        request -> CompletableFuture.completedFuture(ApiResponse.ok(description)));
  }
}
