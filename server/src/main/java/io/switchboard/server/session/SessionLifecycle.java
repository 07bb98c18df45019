package io.switchboard.server.session;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.delivery.SignOut;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Opens and closes sessions: a session that finished its handshake joins the node's registry,
 * follows its open conversations (a visitor's own, an agent's assigned ones) and is welcomed with
 * them and, for staff, their status; a closed one stops following, and the last session of an
 * agent on this node lets their presence lapse.
 *
 * <p>Thread-safe.
 */
public final class SessionLifecycle {
  private final DeliveryService delivery;
  private final SessionRegistry sessions;
  private final PresenceService presence;
  private final ConversationDao conversations;
  private final UserDao users;
  private final BatchedReads reads;
  private final BlockingExecutor store;
  private final Clock clock;

  public SessionLifecycle(DeliveryService delivery, SessionRegistry sessions,
      PresenceService presence, Stores stores, BatchedReads reads, BlockingExecutor store,
      Clock clock) {
    this.delivery = delivery;
    this.sessions = sessions;
    this.presence = presence;
    this.conversations = stores.conversations();
    this.users = stores.users();
    this.reads = reads;
    this.store = store;
    this.clock = clock;
  }

  /** A session finished its handshake: follow its open conversations and send welcome. */
  public void open(Session session) {
    sessions.add(session);
    Principal principal = session.principal();
    if (principal.isVisitor()) {
      welcome(session, reads.openForContact(principal.siteId(), UUID.fromString(principal.id()))
          .thenApply(found -> found.stream().toList()), CompletableFuture.completedFuture(null));
      return;
    }
    // Staff: this node hears the user's channel first, then reads the assigned conversations and
    // the status. Read before the subscription was confirmed, an assignment made on another node
    // in between would reach neither the welcome nor this session.
    delivery.followUser(principal.id()).thenRun(() -> welcome(session,
        store.call(() -> conversations.openForAgent(UUID.fromString(principal.id()))),
        presence.connected(principal).toCompletableFuture().thenApply(AgentStatus::wire)));
  }

  /** Sends the welcome once the open conversations and the status (staff only) are known. */
  private void welcome(Session session, CompletableFuture<List<Conversation>> open,
      CompletableFuture<String> status) {
    open.thenCompose(found -> found.stream().allMatch(c -> c.agentId() == null)
        ? CompletableFuture.completedFuture(states(found))
        : store.call(() -> states(found))
    ).thenCombine(status, (states, staffStatus) -> {
      sendWelcome(session, states, staffStatus);
      return null;
    }).exceptionally(error -> {
      session.close(DisconnectCode.INTERNAL_ERROR,
          "storage is unavailable; reconnect");
      return null;
    });
  }

  /** The welcome's view of the conversations; reads agents' names, when any, from the store. */
  private List<ServerMessage.ConversationState> states(List<Conversation> open) {
    Map<UUID, String> agentNames = open.stream()
        .map(Conversation::agentId).filter(Objects::nonNull).distinct()
        .collect(Collectors.toMap(id -> id,
            id -> users.find(id).map(User::displayName).orElse("")));
    List<ServerMessage.ConversationState> states = new ArrayList<>();
    for (Conversation conversation : open) {
      ServerMessage.Participant agent = conversation.agentId() == null ? null
          : new ServerMessage.Participant("agent", conversation.agentId().toString(),
              agentNames.get(conversation.agentId()));
      states.add(new ServerMessage.ConversationState(conversation.id().toString(),
          conversation.status().wire(), conversation.queueId(), conversation.lastSeq(), agent));
    }
    return states;
  }

  private void sendWelcome(Session session, List<ServerMessage.ConversationState> states,
      String status) {
    Principal principal = session.principal();
    for (ServerMessage.ConversationState state : states) {
      UUID conversationId = UUID.fromString(state.conversationId());
      session.allow(conversationId); // the visitor's own, or assigned to this agent
      delivery.follow(session, conversationId, -1);
    }
    session.send(new ServerMessage.Welcome(principal.role().wire(), principal.id(), principal.name(),
        ProtocolCodec.FEATURE_LEVEL, clock.instant(), states, status));
  }

  /** A session closed: stop following and, for staff, let presence lapse if it was the last. */
  public void closed(Session session) {
    sessions.remove(session);
    for (UUID conversationId : session.followed()) {
      delivery.unfollow(session, conversationId);
    }
    Principal principal = session.principal();
    if (principal.isStaff()) {
      delivery.unfollowUser(principal.id());
      if (sessions.ofUser(principal.id()).isEmpty()) {
        presence.disconnected(principal);
      }
    }
  }

  /** A staff member was signed out: the sessions {@code signOut} covers close on every node. */
  public void signedOut(UUID userId, SignOut signOut) {
    delivery.revoke(userId.toString(), signOut);
  }
}
