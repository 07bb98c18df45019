package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Skills and languages end to end, set through the admin API: an agent without the queue's skill
 * is never offered its conversations, even as the least-loaded member; a zh conversation goes to
 * the agent who speaks zh, even when others are less loaded; and both rules hold after Redis
 * restarts empty.
 */
class SkillRoutingTest extends NodeTest {
  @Test
  void skillsAndLanguagesDecideWhoIsOfferedAConversationAlsoAfterRedisLostItsData() throws Exception {
    assumeTrue(TestServices.redisIsEmbedded(), "needs an embedded Redis the test may restart");
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 1));
    Fixtures.Agent unskilled = site.addAgent(10);
    Fixtures.Agent english = site.addAgent(10);
    Fixtures.Agent chinese = site.addAgent(10);
    put(admin, "/v1/admin/queues/" + site.queueId + "/skills",
        "{\"skills\":[\"Billing\"],\"languages\":[\"en\",\"zh\"]}");
    put(admin, "/v1/admin/agents/" + unskilled.id(), "{\"skills\":[],\"languages\":[\"en\",\"zh\"]}");
    put(admin, "/v1/admin/agents/" + english.id(), "{\"skills\":[\"billing\"],\"languages\":[\"en\"]}");
    put(admin, "/v1/admin/agents/" + chinese.id(),
        "{\"skills\":[\"billing\",\"refunds\"],\"languages\":[\"zh-CN\",\"en\"]}");

    List<Participant> visitors = new ArrayList<>();
    try (Participant plain = Participant.agent(node.http(), node.ws(), unskilled);
        Participant en = Participant.agent(node.http(), node.ws(), english);
        Participant zh = Participant.agent(node.http(), node.ws(), chinese)) {
      for (Participant agent : List.of(plain, en, zh)) {
        agent.client().setStatus("online").get();
      }
      // Two English conversations: one each to the two skilled agents (least loaded first).
      String enOne = start(visitors, site, "en-GB");
      String enTwo = start(visitors, site, "en");
      awaitAssigned(List.of(en, zh), enOne);
      awaitAssigned(List.of(en, zh), enTwo);
      // Now the unskilled agent holds 0, the English one 1, the Chinese one 1; a zh-CN visitor and
      // then one without a language come: zh goes to the zh speaker, the other to a skilled agent.
      String zhOne = start(visitors, site, "zh-CN");
      zh.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(zhOne), Duration.ofSeconds(10));
      String none = start(visitors, site, null);
      awaitAssigned(List.of(en, zh), none);

      TestServices.restartRedisEmpty(Duration.ofSeconds(1));

      // After the restart the node restores presence, loads and the queue's rules: a zh visitor
      // still goes to the Chinese-speaking agent, although the English one is less loaded now.
      String zhTwo = start(visitors, site, "zh");
      zh.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(zhTwo), Duration.ofSeconds(30));
      String deOne = start(visitors, site, "de");
      awaitAssigned(List.of(en, zh), deOne);
      // A whole reconciler cycle (which drains every queue) hands out nothing more.
      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
      assertThat(plain.events()).as("offers to the agent without the billing skill")
          .noneMatch(ServerMessage.Assigned.class::isInstance);
      assertThat(en.events()).as("zh conversations offered to the agent who speaks no zh")
          .noneMatch(e -> e instanceof ServerMessage.Assigned a
              && (a.conversationId().equals(zhOne) || a.conversationId().equals(zhTwo)));
    } finally {
      visitors.forEach(Participant::close);
    }
  }

  private String start(List<Participant> visitors, Fixtures site, String language) throws Exception {
    Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
    visitors.add(visitor);
    return visitor.client().start(site.queueId, Map.of(), language).get().conversationId();
  }

  private static void awaitAssigned(List<Participant> agents, String conversationId) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> agents.stream()
        .anyMatch(agent -> agent.events().stream().anyMatch(e -> e instanceof ServerMessage.Assigned a
            && a.conversationId().equals(conversationId))));
  }

  private static void put(String token, String path, String json) throws Exception {
    Http.Reply reply = Http.call("PUT", node.http(), path, token, json);
    assertThat(reply.status()).as("PUT %s: %s", path, reply.body()).isEqualTo(200);
  }
}
