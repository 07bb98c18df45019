package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/wall} on an installation with many agents: without paging it answers every
 * agent (and grows with them); with a team and a page it answers that page, sorted by status then
 * name, with the totals and summary figures of the whole team; a team or queue outside the
 * caller's wall is refused.
 */
class WallPagingApiTest extends NodeTest {
  @Test
  void aTeamsAgentsComeAPageAtATimeWithTheTeamsTotals() throws Exception {
    Fixtures large = Fixtures.create(node.node().database().jdbi());
    for (int i = 0; i < 120; i++) {
      large.addAgent(2);
    }
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 1));
    Http.Reply everything = Http.get(node.http(), "/v1/wall", admin);
    assertThat(everything.body().get("agents").size()).isGreaterThanOrEqualTo(120);

    Fixtures.Agent busy = large.agents.get(7);
    try (Participant online = Participant.agent(node.http(), node.ws(), busy)) {
      online.client().setStatus("online").get();
      String team = "/v1/wall?team=" + large.teamId;
      JsonNode first = Http.get(node.http(), team + "&agentLimit=50", admin).body();
      assertThat(first.get("agentsTotal").asInt()).isEqualTo(120);
      assertThat(first.get("queuesTotal").asInt()).isEqualTo(1);
      assertThat(first.get("agents")).hasSize(50);
      assertThat(first.get("agents").get(0).get("id").asText()).isEqualTo(busy.id().toString());
      assertThat(first.get("totals").get("agentsOnline").asInt()).isEqualTo(1);
      assertThat(first.get("totals").get("capacity").asInt()).isEqualTo(2);
      assertThat(first.get("filters").get("teams").findValuesAsText("id"))
          .contains(large.teamId, fixtures.teamId);
      assertThat(first.toString().length()).as("a page is a fraction of the whole wall")
          .isLessThan(everything.body().toString().length() / 2);

      List<String> offline = new ArrayList<>();
      for (int offset = 0; offset < 120; offset += 50) {
        JsonNode page = Http.get(node.http(), team + "&agentLimit=50&agentOffset=" + offset,
            admin).body();
        page.get("agents").forEach(agent -> {
          if (!agent.get("id").asText().equals(busy.id().toString())) {
            offline.add(agent.get("name").asText() + "/" + agent.get("id").asText());
          }
        });
      }
      assertThat(offline).hasSize(119).doesNotHaveDuplicates()
          .isSortedAccordingTo(Comparator.comparing((String s) -> s.split("/")[0],
              String.CASE_INSENSITIVE_ORDER).thenComparing(s -> s.split("/")[1]));
    }

    JsonNode byQueue = Http.get(node.http(), "/v1/wall?queue=" + fixtures.queueId, admin).body();
    assertThat(byQueue.get("queues")).hasSize(1);
    assertThat(byQueue.get("agents").findValuesAsText("id")).doesNotContain(
        busy.id().toString());

    String supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 1));
    Http.Reply foreign = Http.get(node.http(), "/v1/wall?team=" + large.teamId, supervisor);
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(Http.get(node.http(), "/v1/wall?queue=" + large.queueId, supervisor).status())
        .isEqualTo(400);
    assertThat(Http.get(node.http(), "/v1/wall?agentLimit=0", supervisor).status())
        .isEqualTo(400);
    JsonNode own = Http.get(node.http(), "/v1/wall?team=" + fixtures.teamId, supervisor).body();
    assertThat(own.get("filters").get("teams").findValuesAsText("id"))
        .containsExactly(fixtures.teamId);
  }
}
