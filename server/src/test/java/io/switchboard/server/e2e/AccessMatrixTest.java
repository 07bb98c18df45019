package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Role;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.RawSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One permission policy, two ways in: every (role, relation to the conversation, action) of the
 * table below is tried over REST and over the WebSocket, each on a fresh conversation, and both
 * must give the table's answer. The relations include team scope: the actor's team owns the
 * fixture's queue, another team owns a second queue. The table is written out here, not derived
 * from the policy.
 */
class AccessMatrixTest extends NodeTest {
  /**
   * How the acting staff member stands to the conversation: assigned to them, or someone else's
   * whose contact they served before (both in the other team's queue), someone else's in their
   * team's queue, someone else's in the other team's queue.
   */
  enum Relation { ASSIGNED, SERVED_CONTACT_BEFORE, IN_MY_TEAM, IN_OTHER_TEAM }

  enum Action { READ, NOTE, CLOSE, TRANSFER, WHISPER, BARGE }

  private static final boolean Y = true;
  private static final boolean N = false;

  /** role -> relation -> allowed for READ, NOTE, CLOSE, TRANSFER, WHISPER, BARGE. */
  private static final Map<Role, Map<Relation, boolean[]>> EXPECTED = Map.of(
      Role.AGENT, Map.of(
          Relation.ASSIGNED, new boolean[] {Y, Y, Y, Y, N, N},
          Relation.SERVED_CONTACT_BEFORE, new boolean[] {Y, N, N, N, N, N},
          Relation.IN_MY_TEAM, new boolean[] {Y, N, N, N, N, N},
          Relation.IN_OTHER_TEAM, new boolean[] {N, N, N, N, N, N}),
      Role.SUPERVISOR, Map.of(
          Relation.ASSIGNED, new boolean[] {Y, Y, Y, Y, N, N},
          Relation.SERVED_CONTACT_BEFORE, new boolean[] {Y, N, N, N, N, N},
          Relation.IN_MY_TEAM, new boolean[] {Y, Y, Y, Y, Y, Y},
          Relation.IN_OTHER_TEAM, new boolean[] {N, N, N, N, N, N}),
      Role.ADMIN, Map.of(
          Relation.ASSIGNED, new boolean[] {Y, Y, Y, Y, N, N},
          Relation.SERVED_CONTACT_BEFORE, new boolean[] {Y, Y, Y, Y, Y, Y},
          Relation.IN_MY_TEAM, new boolean[] {Y, Y, Y, Y, Y, Y},
          Relation.IN_OTHER_TEAM, new boolean[] {Y, Y, Y, Y, Y, Y}));

  private static ConversationDao conversations;
  private static ContactDao contacts;
  private static String otherQueue;
  private static String otherTeamQueue;
  private static UUID holder;

  @BeforeAll
  static void stores() {
    Jdbi jdbi = node.node().database().jdbi();
    conversations = new ConversationDao(jdbi);
    contacts = new ContactDao(jdbi);
    otherQueue = fixtures.queueId + "-other";
    new QueueDao(jdbi).create(new QueueInfo(otherQueue, fixtures.siteId, "Other", 0));
    otherTeamQueue = fixtures.queueId + "-other-team";
    new QueueDao(jdbi).create(new QueueInfo(otherTeamQueue, fixtures.siteId, "Other team", 0));
    new TeamDao(jdbi).create(fixtures.teamId + "-other", "Other team of " + fixtures.teamId,
        Set.of(), Set.of(otherTeamQueue));
    holder = fixtures.addAgent(5).id();
  }

  @Test
  void restAndWebSocketGiveTheSameAnswerForEveryRoleRelationAndAction() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
      Fixtures.Agent actor = fixtures.addUser(role, 5);
      String token = Http.agentToken(node.http(), actor);
      try (RawSocket socket = RawSocket.connect(node.ws(), token)) {
        socket.next("welcome");
        for (Relation relation : Relation.values()) {
          for (Action action : Action.values()) {
            boolean expected = EXPECTED.get(role).get(relation)[action.ordinal()];
            String rest = overRest(action, conversationFor(actor.id(), relation), token);
            String ws = overWebSocket(action, conversationFor(actor.id(), relation), socket);
            checked++;
            String want = expected ? "allowed" : "forbidden";
            if (!rest.equals(want) || !ws.equals(want)) {
              mismatches.add(role + " " + relation + " " + action + ": expected " + want
                  + ", REST " + rest + ", WebSocket " + ws);
            }
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(checked).isEqualTo(3 * Relation.values().length * Action.values().length);
  }

  /** A fresh open conversation the actor stands to in {@code relation}. */
  private static UUID conversationFor(UUID actor, Relation relation) {
    UUID contact = newContact();
    String queue = relation == Relation.IN_MY_TEAM ? fixtures.queueId : otherTeamQueue;
    if (relation == Relation.SERVED_CONTACT_BEFORE) {
      Conversation earlier = assigned(contact, actor, queue);
      conversations.close(earlier.id(), "agent", null);
    }
    return assigned(contact, relation == Relation.ASSIGNED ? actor : holder, queue).id();
  }

  private static UUID newContact() {
    UUID id = UUID.randomUUID();
    contacts.create(new Contact(id, fixtures.siteId, "Matrix visitor", null, null));
    return id;
  }

  private static Conversation assigned(UUID contact, UUID agent, String queue) {
    Conversation conversation = conversations.startOrGetOpen(fixtures.siteId, contact,
        queue, Map.of(), 0).conversation();
    assertThat(conversations.assignAll(Map.of(conversation.id(), agent))).hasSize(1);
    return conversation;
  }

  private static String overRest(Action action, UUID conversation, String token)
      throws Exception {
    String path = "/v1/conversations/" + conversation;
    Http.Reply reply = switch (action) {
      case READ -> Http.get(node.http(), path + "/messages", token);
      case NOTE -> Http.call("POST", node.http(), path + "/notes", token, "{\"text\":\"matrix\"}");
      case CLOSE -> Http.call("POST", node.http(), path + "/close", token, "{}");
      case TRANSFER -> Http.call("POST", node.http(), path + "/transfer", token,
          "{\"toQueue\":\"" + otherQueue + "\"}");
      case WHISPER -> Http.call("POST", node.http(), path + "/whisper", token,
          "{\"text\":\"matrix\"}");
      case BARGE -> Http.call("POST", node.http(), path + "/barge", token, "{}");
    };
    return reply.status() / 100 == 2 ? "allowed"
        : reply.status() == 403 ? "forbidden" : "HTTP " + reply.status() + " " + reply.body();
  }

  private static String overWebSocket(Action action, UUID conversation, RawSocket socket)
      throws Exception {
    String id = UUID.randomUUID().toString();
    String fields = "\"id\":\"" + id + "\",\"conversationId\":\"" + conversation + "\"";
    socket.sendText(switch (action) {
      case READ -> "{\"type\":\"resume\"," + fields + ",\"lastSeq\":0}";
      case NOTE -> "{\"type\":\"note\"," + fields + ",\"text\":\"matrix\"}";
      case CLOSE -> "{\"type\":\"close\"," + fields + "}";
      case TRANSFER -> "{\"type\":\"transfer\"," + fields + ",\"toQueue\":\"" + otherQueue + "\"}";
      case WHISPER -> "{\"type\":\"whisper\"," + fields + ",\"text\":\"matrix\"}";
      case BARGE -> "{\"type\":\"barge\"," + fields + "}";
    });
    String answer = socket.answer(id);
    if (answer.contains("\"type\":\"ok\"") || answer.contains("\"type\":\"resumed\"")) {
      return "allowed";
    }
    return answer.contains("\"code\":\"forbidden\"") ? "forbidden" : answer;
  }
}
