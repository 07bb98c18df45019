package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Supervisors oversee their teams only: the wall shows their teams' queues and members, and the
 * waiting list and pause of another team's queue are refused, while an admin sees and does all.
 * Teams are managed over REST by admins only, with clear errors for bad input.
 */
class TeamScopeTest extends NodeTest {
  private static Fixtures otherTeam;

  @BeforeAll
  static void secondTeam() {
    otherTeam = Fixtures.create(node.node().database().jdbi());
  }

  @Test
  void aSupervisorSeesAndActsOnTheirTeamsQueuesOnly() throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    Fixtures.Agent teammate = fixtures.addAgent(2);
    Fixtures.Agent stranger = otherTeam.addAgent(2);
    String token = Http.agentToken(node.http(), supervisor);

    JsonNode wall = Http.get(node.http(), "/v1/wall", token).body();
    assertThat(ids(wall.get("queues"))).containsExactly(fixtures.queueId);
    assertThat(ids(wall.get("agents"))).contains(supervisor.id().toString(),
        teammate.id().toString()).doesNotContain(stranger.id().toString());

    assertThat(Http.get(node.http(), "/v1/queues/" + fixtures.queueId + "/waiting", token)
        .status()).isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/queues/" + otherTeam.queueId + "/waiting", token)
        .status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/queues/" + otherTeam.queueId + "/pause",
        token, "{}").status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/queues/" + fixtures.queueId + "/pause",
        token, "{}").status()).isEqualTo(200);
    assertThat(Http.call("POST", node.http(), "/v1/queues/" + fixtures.queueId + "/resume",
        token, "{}").status()).isEqualTo(200);
  }

  @Test
  void anAdminSeesEveryTeamsQueues() throws Exception {
    String token = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    JsonNode wall = Http.get(node.http(), "/v1/wall", token).body();
    assertThat(ids(wall.get("queues"))).contains(fixtures.queueId, otherTeam.queueId);
    assertThat(Http.get(node.http(), "/v1/queues/" + otherTeam.queueId + "/waiting", token)
        .status()).isEqualTo(200);
  }

  @Test
  void adminsManageTeamsAndNobodyElseDoes() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    Fixtures.Agent member = fixtures.addAgent(2);
    String id = "billing-" + fixtures.teamId;
    String body = "{\"id\":\"" + id + "\",\"name\":\"Billing " + fixtures.teamId
        + "\",\"members\":[\"" + member.id() + "\"],\"queues\":[\"" + otherTeam.queueId + "\"]}";
    Http.Reply created = Http.call("POST", node.http(), "/v1/admin/teams", admin, body);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(created.body().get("queues").get(0).asText())
        .isEqualTo(otherTeam.queueId);
    assertThat(Http.call("POST", node.http(), "/v1/admin/teams", admin, body).status())
        .as("the same id again").isEqualTo(409);

    // The member now reads their new team's list; the queue moved away from its old team.
    String memberToken = Http.agentToken(node.http(), member);
    JsonNode mine = Http.get(node.http(), "/v1/teams", memberToken).body();
    assertThat(ids(mine)).contains(id, fixtures.teamId);
    JsonNode all = Http.get(node.http(), "/v1/teams", admin).body();
    for (JsonNode team : all) {
      if (team.get("id").asText().equals(otherTeam.teamId)) {
        assertThat(team.get("queues")).isEmpty();
      }
    }

    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + id, admin,
        "{\"members\":[\"not-a-uuid\"]}").status()).isEqualTo(400);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + id, admin,
        "{\"queues\":[\"no-such-queue\"]}").status()).isEqualTo(404);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + id, admin,
        "{\"name\":7}").status()).isEqualTo(400);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/nope-" + id, admin,
        "{\"name\":\"x\"}").status()).isEqualTo(404);
    assertThat(Http.call("POST", node.http(), "/v1/admin/teams", admin,
        "{\"id\":\"bad id!\",\"name\":\"x\"}").status()).isEqualTo(400);

    String supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 3));
    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + id, supervisor,
        "{\"name\":\"Taken over\"}").status()).isEqualTo(403);
    assertThat(Http.call("DELETE", node.http(), "/v1/admin/teams/" + id, memberToken, null)
        .status()).isEqualTo(403);

    assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + id, admin,
        "{\"name\":\"Renamed " + fixtures.teamId + "\"}").status()).isEqualTo(200);
    assertThat(Http.call("DELETE", node.http(), "/v1/admin/teams/" + id, admin, null).status())
        .isEqualTo(204);
    assertThat(Http.call("DELETE", node.http(), "/v1/admin/teams/" + id, admin, null).status())
        .isEqualTo(404);
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }
}
