package io.switchboard.server.session;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.ConversationService;
import io.switchboard.server.conversation.StaffActionService;
import io.switchboard.server.conversation.VisitorService;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceService;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Routes each client command to the service that handles it, checks the role may issue it, and
 * opens and closes sessions (welcome, following open conversations, presence). The transport
 * calls it; it writes nothing to the network itself except the welcome.
 *
 * <p>Thread-safe.
 */
public final class CommandService {
  private final ConversationService conversationService;
  private final StaffActionService staffActions;
  private final VisitorService visitors;
  private final DeliveryService delivery;
  private final SessionRegistry sessions;
  private final PresenceService presence;
  private final ConversationDao conversations;
  private final BatchedReads reads;
  private final UserDao users;
  private final BlockingExecutor store;
  private final Clock clock;

  /** The services commands go to, and what opening a session reads. */
  public record Parts(ConversationService conversationService, StaffActionService staffActions,
      VisitorService visitors, DeliveryService delivery, SessionRegistry sessions,
      PresenceService presence, ConversationDao conversations, BatchedReads reads, UserDao users,
      BlockingExecutor store, Clock clock) {}

  public CommandService(Parts parts) {
    this.conversationService = parts.conversationService();
    this.staffActions = parts.staffActions();
    this.visitors = parts.visitors();
    this.delivery = parts.delivery();
    this.sessions = parts.sessions();
    this.presence = parts.presence();
    this.conversations = parts.conversations();
    this.reads = parts.reads();
    this.users = parts.users();
    this.store = parts.store();
    this.clock = parts.clock();
  }

  /** Handles one command; the future holds the reply (null when the reply was already sent). */
  public CompletableFuture<ServerMessage> handle(Session session, ClientMessage command) {
    try {
      return switch (command) {
        case ClientMessage.Start start -> conversationService.start(session, start);
        case ClientMessage.Send send -> conversationService.send(session, send);
        case ClientMessage.Typing typing -> conversationService.typing(session, typing);
        case ClientMessage.Accept accept -> conversationService.accept(session, accept);
        case ClientMessage.Close close -> conversationService.close(session, close);
        case ClientMessage.Resume resume -> conversationService.resume(session, resume);
        case ClientMessage.Read read -> conversationService.read(session, read);
        case ClientMessage.SetStatus status -> setStatus(session, status);
        case ClientMessage.Ping ping ->
            CompletableFuture.completedFuture(new ServerMessage.Pong(ping.id(), clock.instant()));
        case ClientMessage.Note note -> staffActions.note(session, note);
        case ClientMessage.Transfer transfer -> staffActions.transfer(session, transfer);
        case ClientMessage.Rate rate -> visitors.rate(session, rate);
        case ClientMessage.Context context -> visitors.context(session, context);
        case ClientMessage.Profile profile -> visitors.profile(session, profile);
      };
    } catch (SwitchboardException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<ServerMessage> setStatus(Session session,
      ClientMessage.SetStatus command) {
    Principal principal = session.principal();
    AccessPolicy.requireRole(principal, Action.SET_STATUS);
    AgentStatus status = AgentStatus.valueOf(command.status().toUpperCase(java.util.Locale.ROOT));
    return presence.setStatus(principal, status).toCompletableFuture()
        .thenApply(ignored -> new ServerMessage.Ok(command.id()));
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
        .map(Conversation::agentId).filter(java.util.Objects::nonNull).distinct()
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
}
