package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feature level 2 on the wire: notes stay with staff, transfers, ratings, visitor context. */
class StaffActionsTest {
  private static TestNode node;
  private Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  /** Each test gets its own site and queue, so one test's agents never serve another's. */
  @BeforeEach
  void freshSite() {
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static String idOf(String frame) {
    return frame.replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
  }

  @Test
  void notesNeverReachTheVisitorAndTransfersMoveTheConversation() throws Exception {
    Fixtures.Agent first = fixtures.addAgent(2);
    Fixtures.Agent second = fixtures.addAgent(2);
    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    try (RawSocket visitor = RawSocket.connect(node.ws(), visitorToken);
        RawSocket agentA = RawSocket.connect(node.ws(), Http.agentToken(node.http(), first));
        Participant agentB = Participant.agent(node.http(), node.ws(), second)) {
      visitor.next("welcome");
      assertThat(agentA.next("welcome")).contains("\"status\":\"offline\"");
      visitor.sendText("{\"type\":\"start\",\"id\":\"1\",\"fields\":{\"name\":\"Ana\",\"email\":\"ana@example.com\"}}");
      String conversationId = idOf(visitor.next("started"));
      agentA.sendText("{\"type\":\"status\",\"id\":\"2\",\"status\":\"online\"}");
      assertThat(agentA.next("assigned")).contains(conversationId).contains("\"name\":\"Ana\"");

      // A private note reaches staff, never the visitor.
      agentA.sendText("{\"type\":\"note\",\"id\":\"3\",\"conversationId\":\"" + conversationId
          + "\",\"text\":\"secret reseller discount\"}");
      assertThat(agentA.next("note")).contains("secret reseller discount");
      agentA.sendText("{\"type\":\"send\",\"id\":\"4\",\"conversationId\":\"" + conversationId
          + "\",\"clientMsgId\":\"a1\",\"text\":\"public reply\"}");
      String reply = visitor.next("message");
      assertThat(reply).contains("public reply");
      visitor.sendText("{\"type\":\"note\",\"id\":\"5\",\"conversationId\":\"" + conversationId
          + "\",\"text\":\"visitor note\"}");
      assertThat(visitor.next("error")).contains("\"id\":\"5\"").contains("forbidden");

      // Transfer to an agent who is offline: conflict. Online: they get it, A is told.
      agentA.sendText("{\"type\":\"transfer\",\"id\":\"6\",\"conversationId\":\"" + conversationId
          + "\",\"toAgentId\":\"" + second.id() + "\",\"note\":\"VIP\"}");
      assertThat(agentA.next("error")).contains("\"id\":\"6\"").contains("conflict");
      agentB.client().setStatus("online").get();
      agentA.sendText("{\"type\":\"transfer\",\"id\":\"7\",\"conversationId\":\"" + conversationId
          + "\",\"toAgentId\":\"" + second.id() + "\",\"note\":\"VIP\"}");
      assertThat(agentA.next("unassigned")).contains(conversationId);
      String seenByVisitor = visitor.next("transferred");
      assertThat(seenByVisitor).doesNotContain("VIP");
      agentB.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
          Duration.ofSeconds(10));
      agentA.sendText("{\"type\":\"send\",\"id\":\"8\",\"conversationId\":\"" + conversationId
          + "\",\"clientMsgId\":\"a2\",\"text\":\"not mine any more\"}");
      assertThat(agentA.next("error")).contains("\"id\":\"8\"").contains("forbidden");
      // A steps away, so a conversation handed back to the queue has nobody to go to.
      agentA.sendText("{\"type\":\"status\",\"id\":\"8b\",\"status\":\"away\"}");
      agentA.reply("ok", "8b");

      // B hands it to the queue; it waits again, then B closes it and the visitor rates it.
      agentB.client().setStatus("away").get();
      agentB.client().send(conversationId, "moving you").get();
      RawSocket bSocket = RawSocket.connect(node.ws(), Http.agentToken(node.http(), second));
      bSocket.next("welcome");
      bSocket.sendText("{\"type\":\"transfer\",\"id\":\"9\",\"conversationId\":\"" + conversationId
          + "\",\"toQueue\":\"" + fixtures.queueId + "\"}");
      bSocket.reply("ok", "9");
      ConversationDao conversations = new ConversationDao(node.node().database().jdbi());
      assertThat(conversations.find(UUID.fromString(conversationId)).orElseThrow().status())
          .isEqualTo(ConversationStatus.QUEUED);
      bSocket.close();

      visitor.sendText("{\"type\":\"rate\",\"id\":\"10\",\"conversationId\":\"" + conversationId
          + "\",\"score\":4}");
      assertThat(visitor.next("error")).contains("\"id\":\"10\"").contains("conflict");
      visitor.sendText("{\"type\":\"close\",\"id\":\"11\",\"conversationId\":\"" + conversationId + "\"}");
      visitor.next("closed");
      visitor.sendText("{\"type\":\"rate\",\"id\":\"12\",\"conversationId\":\"" + conversationId
          + "\",\"score\":4,\"comment\":\"helpful\"}");
      visitor.reply("ok", "12");
      int score = node.node().database().jdbi().withHandle(handle -> handle
          .createQuery("SELECT score FROM ratings WHERE conversation_id = :id::uuid")
          .bind("id", conversationId).mapTo(Integer.class).one());
      assertThat(score).isEqualTo(4);
      assertThat(conversations.events(UUID.fromString(conversationId)))
          .extracting(event -> event.kind()).contains("transferred");
    }
  }

  @Test
  void contextGoesToStaffAndProfileAndPrechatFieldsAreValidated() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(1);
    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    try (RawSocket visitor = RawSocket.connect(node.ws(), visitorToken);
        RawSocket agent = RawSocket.connect(node.ws(), Http.agentToken(node.http(), account))) {
      visitor.next("welcome");
      agent.next("welcome");
      visitor.sendText("{\"type\":\"start\",\"id\":\"1\",\"fields\":{\"email\":\"nope\"}}");
      assertThat(visitor.next("error")).contains("invalid_field").contains("fields.email");
      visitor.sendText("{\"type\":\"start\",\"id\":\"2\",\"fields\":{\"name\":\"Bo\",\"phone\":\"+49 30 1234567\"}}");
      String conversationId = idOf(visitor.next("started"));
      agent.sendText("{\"type\":\"status\",\"id\":\"3\",\"status\":\"online\"}");
      agent.next("assigned");
      visitor.sendText("{\"type\":\"context\",\"id\":\"4\",\"url\":\"https://shop.example/cart\","
          + "\"title\":\"Cart\",\"language\":\"en-GB\",\"timeZone\":\"Europe/London\"}");
      assertThat(agent.next("context")).contains("https://shop.example/cart").contains(conversationId);
      visitor.sendText("{\"type\":\"profile\",\"id\":\"5\",\"phone\":\"call me maybe\"}");
      assertThat(visitor.next("error")).contains("\"id\":\"5\"").contains("phone");
      visitor.sendText("{\"type\":\"profile\",\"id\":\"6\",\"email\":\"bo@example.com\"}");
      visitor.reply("ok", "6");
      var contact = Http.get(node.http(), "/v1/conversations/" + conversationId,
          Http.agentToken(node.http(), account)).body().get("contact");
      assertThat(contact.get("email").asText()).isEqualTo("bo@example.com");
      assertThat(contact.get("phone").asText()).isEqualTo("+49 30 1234567");
      assertThat(contact.get("context").get("title").asText()).isEqualTo("Cart");
      visitor.sendText("{\"type\":\"close\",\"id\":\"7\",\"conversationId\":\"" + conversationId + "\"}");
      visitor.next("closed");
      visitor.sendText("{\"type\":\"close\",\"id\":\"8\",\"conversationId\":\"" + conversationId + "\"}");
      assertThat(visitor.next("error")).contains("conversation_closed");
    }
  }
}
