package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Accounts over REST: a user renames themselves and changes their password (which signs out
 * their other logins); an admin creates users with a password or an invitation link, edits them
 * and starts password resets; a link sets a password exactly once.
 */
class AccountApiTest extends NodeTest {

  @Test
  void aUserRenamesThemselvesAndChangesTheirPassword() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String token = Http.agentToken(node.http(), agent);
    String otherLogin = Http.agentToken(node.http(), agent);

    assertThat(Http.call("PUT", node.http(), "/v1/me", token, "{\"name\":\"Ada L.\"}").body()
        .get("name").asText()).isEqualTo("Ada L.");
    assertThat(Http.get(node.http(), "/v1/me", token).body().get("name").asText())
        .isEqualTo("Ada L.");

    String next = "correct horse battery staple";
    assertThat(changePassword(token, "wrong password!", next).status()).isEqualTo(403);
    assertThat(changePassword(token, agent.password(), "short").status()).isEqualTo(400);
    assertThat(changePassword(token, agent.password(), next).status()).isEqualTo(204);

    assertThat(login(agent.email(), agent.password()).status()).isEqualTo(401);
    assertThat(login(agent.email(), next).status()).isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/me", token).status())
        .as("the login that changed it stays").isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/me", otherLogin).status())
        .as("every other login is signed out").isEqualTo(401);
  }

  @Test
  void anInvitedUserSetsTheirPasswordOnceThroughTheLink() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String email = "invitee-" + UUID.randomUUID() + "@example.test";
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/users", admin,
        "{\"email\":\"" + email + "\",\"name\":\"Invitee\",\"role\":\"agent\"}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String path = created.body().get("invitePath").asText();
    assertThat(path).startsWith("/console#/password/sbi1.");
    String link = "/v1/password-links/" + path.substring(path.lastIndexOf('/') + 1);

    assertThat(Http.get(node.http(), link, null).body().get("email").asText()).isEqualTo(email);
    assertThat(login(email, "anything at all, really").status()).isEqualTo(401);
    assertThat(Http.call("POST", node.http(), link, null, "{\"password\":\"short\"}").status())
        .isEqualTo(400);
    String password = "a long enough password";
    assertThat(Http.call("POST", node.http(), link, null, "{\"password\":\"" + password + "\"}")
        .status()).isEqualTo(204);
    assertThat(login(email, password).status()).isEqualTo(200);
    assertThat(Http.call("POST", node.http(), link, null, "{\"password\":\"" + password + "2\"}")
        .status()).as("a link works once").isEqualTo(404);
    assertThat(Http.get(node.http(), link, null).status()).isEqualTo(404);
  }

  @Test
  void adminsCreateEditAndResetUsersAndNobodyElseDoes() throws Exception {
    Fixtures.Agent adminAccount = fixtures.addUser(Role.ADMIN, 3);
    String admin = Http.agentToken(node.http(), adminAccount);
    String email = "direct-" + UUID.randomUUID() + "@example.test";
    String body = "{\"email\":\"" + email + "\",\"name\":\"Direct\",\"role\":\"supervisor\","
        + "\"capacity\":4,\"password\":\"a password set by the admin\"}";
    JsonNode user = Http.call("POST", node.http(), "/v1/admin/users", admin, body).body();
    assertThat(user.get("role").asText()).isEqualTo("supervisor");
    assertThat(user.has("invitePath")).isFalse();
    assertThat(Http.call("POST", node.http(), "/v1/admin/users", admin, body).status())
        .as("the same email again").isEqualTo(409);
    assertThat(Http.call("POST", node.http(), "/v1/admin/users", admin,
        body.replace("supervisor", "owner")).status()).isEqualTo(400);
    assertThat(Http.call("POST", node.http(), "/v1/admin/users", admin,
        body.replace(email, "not-an-email")).status()).isEqualTo(400);
    String userToken = login(email, "a password set by the admin").body().get("token").asText();

    String id = user.get("id").asText();
    JsonNode edited = Http.call("PUT", node.http(), "/v1/admin/users/" + id, admin,
        "{\"name\":\"Renamed\",\"role\":\"agent\"}").body();
    assertThat(edited.get("name").asText()).isEqualTo("Renamed");
    assertThat(edited.get("role").asText()).isEqualTo("agent");
    assertThat(Http.call("PUT", node.http(), "/v1/admin/users/" + adminAccount.id(), admin,
        "{\"role\":\"agent\"}").status()).as("an admin cannot demote themselves").isEqualTo(409);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/users/" + UUID.randomUUID(), admin,
        "{\"name\":\"Nobody\"}").status()).isEqualTo(404);

    JsonNode reset = Http.call("POST", node.http(), "/v1/admin/users/" + id + "/password-reset",
        admin, "{}").body();
    assertThat(Http.get(node.http(), "/v1/me", userToken).status())
        .as("a reset signs the user out").isEqualTo(401);
    String resetPath = reset.get("resetPath").asText();
    assertThat(Http.call("POST", node.http(), "/v1/password-links/"
            + resetPath.substring(resetPath.lastIndexOf('/') + 1), null,
        "{\"password\":\"the password after the reset\"}").status()).isEqualTo(204);
    assertThat(login(email, "the password after the reset").status()).isEqualTo(200);

    String agent = Http.agentToken(node.http(), fixtures.addAgent(1));
    assertThat(Http.get(node.http(), "/v1/admin/users", agent).status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/admin/users/" + id + "/password-reset",
        agent, "{}").status()).isEqualTo(403);
    assertThat(Http.get(node.http(), "/v1/admin/users", admin).body().toString()).contains(email)
        .doesNotContain("password");
  }

  private static Http.Reply changePassword(String token, String current, String next)
      throws Exception {
    return Http.call("POST", node.http(), "/v1/me/password", token,
        "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}");
  }

  private static Http.Reply login(String email, String password) throws Exception {
    return Http.post(node.http(), "/v1/agents/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }
}
