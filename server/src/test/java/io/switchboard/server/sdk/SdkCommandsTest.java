package io.switchboard.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatException;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.sdk.VisitorCredentials;
import io.switchboard.sdk.rest.SwitchboardRest;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.TestNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every SDK command beyond chatting against a real node, each with its reply and the event the
 * other side receives through its typed listener method: the visitor sends context and profile
 * (stored on the contact) and rates; an agent notes; a supervisor follows, whispers and barges;
 * the conversation is transferred to another agent and then to another queue.
 */
class SdkCommandsTest {
  private static TestNode node;
  private Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  /** Each test gets its own site and queue, so one test's agents never serve another's. */
  @BeforeEach
  void freshSite() {
    fixtures = Fixtures.create(jdbi());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Jdbi jdbi() {
    return node.node().database().jdbi();
  }

  private static String token(Fixtures.Agent account) {
    return SwitchboardHttp.login(node.http(), account.email(), account.password()).token();
  }

  @Test
  void everyCommandRoundTripsWithItsReplyAndTheEventOnTheOtherSide() throws Exception {
    Fixtures.Agent first = fixtures.addAgent(2);
    Fixtures.Agent second = fixtures.addAgent(2);
    Fixtures.Agent supervising = fixtures.addUser(Role.SUPERVISOR, 2);
    String billing = "billing-" + UUID.randomUUID().toString().substring(0, 8);
    new QueueDao(jdbi()).create(new QueueInfo(billing, fixtures.siteId, "Billing", 0));
    new TeamDao(jdbi()).assignQueue(billing, fixtures.teamId);
    VisitorCredentials credentials =
        SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null);
    try (TypedEvents visitor = TypedEvents.connect(node.ws(), credentials.visitorToken());
        TypedEvents agentA = TypedEvents.connect(node.ws(), token(first));
        TypedEvents agentB = TypedEvents.connect(node.ws(), token(second));
        TypedEvents supervisor = TypedEvents.connect(node.ws(), token(supervising))) {
      assertThat(visitor.client().featureLevel())
          .isEqualTo(ProtocolCodec.FEATURE_LEVEL).isEqualTo(ChatClient.FEATURE_LEVEL);
      String conversationId = visitor.client()
          .start(fixtures.queueId, Map.of("name", "Lena")).get().conversationId();
      agentA.client().setStatus("online").get();
      agentA.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId));
      agentA.client().accept(conversationId).get();
      visitor.await(ServerMessage.AgentJoined.class, j -> j.agent().id().equals(first.id().toString()));

      // Context and profile: ok, staff get the page, the contact keeps both.
      assertThat(visitor.client().visitor().context("https://shop.example/orders/A-1",
          "Order A-1", "Mozilla/5.0", "de-DE", "Europe/Berlin").get().id()).isNotBlank();
      ServerMessage.VisitorContext context = agentA.await(ServerMessage.VisitorContext.class,
          c -> c.conversationId().equals(conversationId));
      assertThat(context.url()).isEqualTo("https://shop.example/orders/A-1");
      assertThat(context.timeZone()).isEqualTo("Europe/Berlin");
      visitor.client().visitor().profile("Lena Fischer", "lena@example.com", "+49 30 1234567")
          .get();
      JsonNode contact = SwitchboardRest.withToken(node.http(), token(supervising))
          .contact(credentials.contactId());
      assertThat(contact.get("name").asText()).isEqualTo("Lena Fischer");
      assertThat(contact.get("email").asText()).isEqualTo("lena@example.com");
      assertThat(contact.get("phone").asText()).isEqualTo("+49 30 1234567");
      JsonNode stored = Http.get(node.http(), "/v1/conversations/" + conversationId,
          token(first)).body().get("contact").get("context");
      assertThat(stored.get("title").asText()).isEqualTo("Order A-1");

      // A note reaches staff, never the visitor.
      agentA.client().staff().note(conversationId, "reseller, check the B2B prices").get();
      ServerMessage.NoteAdded note = agentA.await(ServerMessage.NoteAdded.class,
          n -> n.text().startsWith("reseller"));
      assertThat(note.kind()).isNull();
      assertThat(note.author().id()).isEqualTo(first.id().toString());

      // The supervisor follows, whispers to the agent, then barges in and writes.
      assertThat(supervisor.client().follow(conversationId).get().conversationId())
          .isEqualTo(conversationId);
      supervisor.client().staff().whisper(conversationId, "offer the voucher").get();
      ServerMessage.NoteAdded whisper = agentA.await(ServerMessage.NoteAdded.class,
          n -> "whisper".equals(n.kind()));
      assertThat(whisper.text()).isEqualTo("offer the voucher");
      assertThat(whisper.author().name()).isEqualTo(supervising.name());
      supervisor.client().staff().barge(conversationId).get();
      visitor.await(ServerMessage.AgentJoined.class,
          j -> j.agent().id().equals(supervising.id().toString()));
      supervisor.client().send(conversationId, "I am the supervisor, happy to help").get();
      visitor.await(ServerMessage.Message.class, m -> m.text().startsWith("I am the supervisor"));

      // Transfer to another agent: A loses it, B is assigned, the visitor is told without the note.
      agentB.client().setStatus("online").get();
      agentA.client().staff().transferToAgent(conversationId, second.id().toString(), "VIP").get();
      agentA.await(ServerMessage.Unassigned.class, u -> u.conversationId().equals(conversationId));
      agentB.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId));
      ServerMessage.Transferred toAgent = visitor.await(ServerMessage.Transferred.class,
          t -> t.toAgent() != null);
      assertThat(toAgent.toAgent().id()).isEqualTo(second.id().toString());
      assertThat(toAgent.note()).isNull();
      agentB.client().accept(conversationId).get();

      // Transfer to another queue, where nobody serves: it waits there.
      agentB.client().setStatus("away").get();
      agentB.client().staff().transferToQueue(conversationId, billing, "billing question").get();
      agentB.await(ServerMessage.Unassigned.class, u -> u.conversationId().equals(conversationId));
      visitor.await(ServerMessage.Transferred.class, t -> billing.equals(t.toQueue()));
      Conversation moved = new ConversationDao(jdbi()).find(UUID.fromString(conversationId))
          .orElseThrow();
      assertThat(moved.queueId()).isEqualTo(billing);
      assertThat(moved.status()).isEqualTo(ConversationStatus.QUEUED);

      // Rating: refused while open, ok once closed; the supervisor who joined is told.
      assertThatThrownBy(() -> visitor.client().visitor().rate(conversationId, 4, null).get())
          .isInstanceOf(ExecutionException.class).cause()
          .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.CONFLICT));
      visitor.client().close(conversationId, null).get();
      visitor.client().visitor().rate(conversationId, 5, "Quick and friendly").get();
      ServerMessage.Rated rated = supervisor.await(ServerMessage.Rated.class,
          r -> r.conversationId().equals(conversationId));
      assertThat(rated.score()).isEqualTo(5);
      assertThat(rated.comment()).isEqualTo("Quick and friendly");
      int score = jdbi().withHandle(handle -> handle
          .createQuery("SELECT score FROM ratings WHERE conversation_id = :id::uuid")
          .bind("id", conversationId).mapTo(Integer.class).one());
      assertThat(score).isEqualTo(5);
      assertThat(visitor.all(ServerMessage.NoteAdded.class)).as("no note reaches the visitor")
          .isEmpty();
      assertThat(new ConversationDao(jdbi()).events(UUID.fromString(conversationId)))
          .extracting(event -> event.kind())
          .contains("whispered", "joined", "transferred");
    }
  }

  @Test
  void theServerRefusesWhatTheRoleMayNotDoAndTheFutureSaysWhy() throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(1);
    try (TypedEvents visitor = TypedEvents.connect(node.ws(),
            Http.visitorToken(node.http(), fixtures.siteKey));
        TypedEvents agent = TypedEvents.connect(node.ws(), token(agentAccount))) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get()
          .conversationId();
      assertThatThrownBy(() -> visitor.client().staff().note(conversationId, "hi").get())
          .cause().hasMessageContaining("forbidden");
      assertThatThrownBy(() -> agent.client().staff().whisper(conversationId, "hi").get())
          .cause().hasMessageContaining("forbidden");
      assertThatThrownBy(() -> agent.client().visitor().rate(conversationId, 3, null).get())
          .cause().hasMessageContaining("forbidden");
      visitor.client().close(conversationId, null, List.of()).get();
    }
  }
}
