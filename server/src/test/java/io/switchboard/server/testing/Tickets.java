package io.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;

/**
 * Ticket calls the tests make over REST: open one as staff or through the offline form, and act
 * on it, with the answer checked for the expected status.
 *
 * <p>Stateless and thread-safe.
 */
public final class Tickets {
  private Tickets() {}

  /** Staff open a ticket in {@code queue} for a new requester; answers the ticket. */
  public static JsonNode open(URI base, String token, String queue, String subject)
      throws IOException, InterruptedException {
    return expect(201, Http.call("POST", base, "/v1/tickets", token, "{\"queue\":\"" + queue
        + "\",\"subject\":\"" + subject + "\",\"body\":\"Details of " + subject
        + "\",\"requester\":{\"name\":\"Requester\",\"email\":\"requester@example.com\"}}"));
  }

  /** Any call on a ticket: {@code path} after {@code /v1/tickets/{id}}. */
  public static Http.Reply call(URI base, String token, String method, String id, String path,
      String json) throws IOException, InterruptedException {
    return Http.call(method, base, "/v1/tickets/" + id + path, token, json);
  }

  public static Http.Reply status(URI base, String token, String id, String status)
      throws IOException, InterruptedException {
    return call(base, token, "POST", id, "/status", "{\"status\":\"" + status + "\"}");
  }

  public static JsonNode read(URI base, String token, String id)
      throws IOException, InterruptedException {
    return expect(200, Http.get(base, "/v1/tickets/" + id, token));
  }

  /** The body of the reply, after checking its status. */
  public static JsonNode expect(int status, Http.Reply reply) {
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
    return reply.body();
  }
}
