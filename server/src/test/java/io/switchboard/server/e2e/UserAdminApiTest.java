package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/admin/users/{id}/disable} and {@code .../enable}: admins only, a malformed id is
 * {@code 400 invalid_field}, an unknown user {@code 404}, and an admin's own account {@code 409}.
 * (That the sockets close on every node is {@link RevocationTest}.)
 */
class UserAdminApiTest extends NodeTest {

  @Test
  void onlyAdminsDisableAndEnableUsers() throws Exception {
    Fixtures.Agent target = fixtures.addAgent(1);
    for (Role role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
      String token = Http.agentToken(node.http(), fixtures.addUser(role, 1));
      for (String verb : new String[] {"disable", "enable"}) {
        Http.Reply reply = call(token, target.id() + "/" + verb);
        assertThat(reply.status()).as(role + " " + verb).isEqualTo(403);
        assertThat(code(reply)).isEqualTo("forbidden");
      }
    }
    assertThat(call(null, target.id() + "/disable").status()).isEqualTo(401);
    assertThat(Http.get(node.http(), "/v1/me", Http.agentToken(node.http(), target)).status())
        .as("nobody but an admin disabled the target").isEqualTo(200);
  }

  @Test
  void aMalformedIdIsInvalidAnUnknownOneIsNotFoundAndOnesOwnAccountAConflict() throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 1);
    String token = Http.agentToken(node.http(), admin);
    for (String id : new String[] {"not-a-user", "1-2-3-4-5", "12345678-1234-1234-1234-12345678901z"}) {
      Http.Reply reply = call(token, id + "/disable");
      assertThat(reply.status()).as(id).isEqualTo(400);
      assertThat(code(reply)).isEqualTo("invalid_field");
    }
    for (String verb : new String[] {"disable", "enable"}) {
      Http.Reply unknown = call(token, UUID.randomUUID() + "/" + verb);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(code(unknown)).isEqualTo("not_found");
      Http.Reply own = call(token, admin.id() + "/" + verb);
      assertThat(own.status()).isEqualTo(409);
      assertThat(code(own)).isEqualTo("conflict");
    }
    assertThat(Http.get(node.http(), "/v1/me", token).status()).isEqualTo(200);
  }

  @Test
  void anAdminDisablesAndEnablesAUser() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 1));
    Fixtures.Agent target = fixtures.addAgent(1);
    Http.Reply disabled = call(admin, target.id() + "/disable");
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.body().get("disabled").asBoolean()).isTrue();
    Http.Reply enabled = call(admin, target.id() + "/enable");
    assertThat(enabled.status()).isEqualTo(200);
    assertThat(enabled.body().get("id").asText()).isEqualTo(target.id().toString());
    assertThat(enabled.body().get("disabled").asBoolean()).isFalse();
  }

  private static Http.Reply call(String token, String idAndVerb) throws Exception {
    return Http.call("POST", node.http(), "/v1/admin/users/" + idAndVerb, token, "{}");
  }

  private static String code(Http.Reply reply) {
    return reply.body().get("error").get("code").asText();
  }
}
