package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every JSON field of every body, sent with the wrong JSON type (an object, a number, an array, a
 * boolean), is refused with 400 {@code invalid_field} naming it, and nothing is created: a wrong
 * type never reads as "absent". (Before, {@code POST /v1/visitors} with {@code visitorToken} as
 * an object or a number answered 200 and created a contact.)
 */
class WrongTypesTest extends NodeTest {
  private static final List<String> NOT_TEXT = List.of("{}", "7", "[]", "true");
  private static final List<String> NOT_NUMBER = List.of("{}", "\"7\"", "[]", "true");
  private static final List<String> NOT_LIST = List.of("{}", "7", "\"x\"", "true");

  /** One body field: the request, with the field's place in the body marked {@code %s}. */
  private record Case(String method, String path, String token, String field, String body,
      List<String> wrong) {
    Case(String method, String path, String token, String field, String body) {
      this(method, path, token, field, body, NOT_TEXT);
    }
  }

  @Test
  void everyFieldWithTheWrongTypeIsRefusedAndNamed() throws Exception {
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    String agent = Http.agentToken(node.http(), fixtures.addAgent(2));
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String site = "\"siteKey\":\"" + fixtures.siteKey + "\"";
    String queue = fixtures.queueId;
    String id = "q" + UUID.randomUUID().toString().substring(0, 8);
    List<Case> cases = List.of(
        new Case("POST", "/v1/visitors", null, "siteKey", "{\"siteKey\":%s}"),
        new Case("POST", "/v1/visitors", null, "visitorToken", "{" + site + ",\"visitorToken\":%s}"),
        new Case("POST", "/v1/visitors", null, "identity", "{" + site + ",\"identity\":%s}"),
        new Case("POST", "/v1/agents/login", null, "email", "{\"email\":%s,\"password\":\"x\"}"),
        new Case("POST", "/v1/agents/login", null, "password", "{\"email\":\"a@b.c\",\"password\":%s}"),
        new Case("POST", "/v1/tickets", visitor, "message",
            "{\"name\":\"A\",\"email\":\"a@example.com\",\"message\":%s}"),
        new Case("PUT", "/v1/me", agent, "name", "{\"name\":%s}"),
        new Case("POST", "/v1/admin/queues", admin, "priority",
            "{\"id\":\"" + id + "\",\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"N\",\"priority\":%s}", NOT_NUMBER),
        new Case("PUT", "/v1/admin/queues/" + queue + "/hours", admin, "hours",
            "{\"timeZone\":\"UTC\",\"hours\":%s}", NOT_LIST),
        new Case("PUT", "/v1/admin/agents/" + UUID.randomUUID(), admin, "queues", "{\"queues\":%s}",
            NOT_LIST),
        new Case("POST", "/v1/admin/teams", admin, "name", "{\"id\":\"t-" + id + "\",\"name\":%s}"),
        new Case("POST", "/v1/admin/users", admin, "email",
            "{\"email\":%s,\"name\":\"N\",\"role\":\"agent\"}"));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      for (String value : c.wrong()) {
        Http.Reply reply = Http.call(c.method(), node.http(), c.path(), c.token(),
            String.format(c.body(), value));
        String message = reply.body() == null ? "" : reply.body().path("error").path("message").asText();
        if (reply.status() != 400
            || !reply.body().path("error").path("code").asText().equals("invalid_field")
            || !message.startsWith(c.field())) {
          wrong.add(c.method() + " " + c.path() + " " + c.field() + "=" + value + ": "
              + reply.status() + " " + reply.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }
}
