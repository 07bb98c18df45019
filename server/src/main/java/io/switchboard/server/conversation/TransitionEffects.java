package io.switchboard.server.conversation;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao.Closed;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a transition once PostgreSQL has recorded it: the routing state that goes with it
 * (a place in a queue, an agent's capacity) and the events that tell the people concerned. Only
 * {@link ConversationStateMachine} calls it, and only after a commit.
 *
 * <p>Thread-safe.
 */
final class TransitionEffects {
  private static final Logger LOG = LoggerFactory.getLogger(TransitionEffects.class);

  private final RoutingService routing;
  private final DeliveryService delivery;
  private final ContactDao contacts;
  private final CachedLookups lookups;
  private final BlockingExecutor store;
  private final Clock clock;

  TransitionEffects(RoutingService routing, DeliveryService delivery, ContactDao contacts,
      CachedLookups lookups, BlockingExecutor store, Clock clock) {
    this.routing = routing;
    this.delivery = delivery;
    this.contacts = contacts;
    this.lookups = lookups;
    this.store = store;
    this.clock = clock;
  }

  /** A conversation that waits goes into its queue's waiting list (and is told its place). */
  CompletionStage<Void> queued(Conversation conversation) {
    return routing.enqueue(conversation);
  }

  /** Tells the conversation's agent, on whichever node they are, that it is theirs. */
  void assigned(Conversation conversation) {
    store.call(() -> contacts.find(conversation.contactId())).whenComplete((contact, error) ->
        assigned(conversation, contact == null ? null : contact.map(Contact::name).orElse(null)));
  }

  /** As {@link #assigned(Conversation)}, with the visitor's name already read. */
  void assigned(Conversation conversation, String contactName) {
    delivery.publishToUser(conversation.agentId().toString(), new ServerMessage.Assigned(
        conversation.id().toString(), conversation.queueId(),
        new ServerMessage.Participant("visitor", conversation.contactId().toString(), contactName),
        conversation.fields(), conversation.lastSeq(), clock.instant()));
  }

  /** The agent took the conversation: their missed offers are forgiven, the visitor told. */
  void accepted(UUID conversationId, ServerMessage.Participant agent) {
    routing.accepted(UUID.fromString(agent.id()));
    delivery.publishEvent(conversationId,
        new ServerMessage.AgentJoined(conversationId.toString(), agent, clock.instant()), null);
  }

  /**
   * The conversation closed: the agent's slot is given back (and offered in their queues), or its
   * place in the queue; both sides are told. The disposition is the agent's label (for example
   * "spam"): staff see it, the visitor does not.
   */
  void closed(Closed closed, String by) {
    Conversation conversation = closed.conversation();
    if (closed.before() == ConversationStatus.ASSIGNED && closed.previousAgent() != null) {
      routing.released(closed.previousAgent(), freedQueues(closed.previousAgent()));
    } else if (closed.before() == ConversationStatus.QUEUED) {
      routing.leftQueue(conversation.queueId(), conversation.id());
    }
    delivery.publishEvent(conversation.id(), new ServerMessage.Closed(conversation.id().toString(),
        by, conversation.lastSeq(), conversation.disposition(), conversation.closedAt()),
        "visitor");
    delivery.publishEvent(conversation.id(), new ServerMessage.Closed(conversation.id().toString(),
        by, conversation.lastSeq(), null, conversation.closedAt()), "staff");
  }

  /**
   * The queues of the agent whose slot a close freed, to offer it in (usually cached). The close
   * has committed by now: when the queues cannot be read the slot is still given back, and the
   * queues drain at their next arrival or reconcile.
   */
  private List<String> freedQueues(UUID agentId) {
    try {
      return lookups.agentQueues(agentId);
    } catch (RuntimeException e) {
      LOG.warn("queues of agent {} not read after a close: {}", agentId, e.toString());
      return List.of();
    }
  }

  /**
   * The conversation left its place: an agent who held it gets the capacity back and is told
   * ({@code reason}); a waiting one leaves its queue.
   */
  void letGo(Conversation before, String reason) {
    UUID previous = before.agentId();
    if (before.status() == ConversationStatus.ASSIGNED && previous != null) {
      store.call(() -> lookups.agentQueues(previous))
          .thenAccept(queues -> routing.released(previous, queues));
      unassigned(previous, before.id(), reason);
    } else if (before.status() == ConversationStatus.QUEUED) {
      routing.leftQueue(before.queueId(), before.id());
    }
  }

  /** Tells the agent the conversation is no longer theirs. */
  void unassigned(UUID agentId, UUID conversationId, String reason) {
    delivery.publishToUser(agentId.toString(),
        new ServerMessage.Unassigned(conversationId.toString(), reason));
  }

  /**
   * A move to a queue or an agent: staff see the note; the visitor sees the move without it,
   * or nothing at all when {@code staffOnly} (a waiting conversation handed to an agent looks like
   * a normal assignment to the visitor).
   */
  void transferred(UUID conversationId, String toQueue, ServerMessage.Participant toAgent,
      String note, boolean staffOnly) {
    delivery.publishEvent(conversationId, new ServerMessage.Transferred(conversationId.toString(),
        toQueue, toAgent, note, clock.instant()), "visitor");
    if (!staffOnly) {
      delivery.publishEvent(conversationId, new ServerMessage.Transferred(
          conversationId.toString(), toQueue, toAgent, null, clock.instant()), "staff");
    }
  }
}
