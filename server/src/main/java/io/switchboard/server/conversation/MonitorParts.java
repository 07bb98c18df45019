package io.switchboard.server.conversation;

import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;

/**
 * What the routing monitors ({@link AgentLossMonitor}, {@link OfferTimeoutMonitor}) read and
 * change.
 *
 * <p>Immutable and thread-safe (its parts are).
 */
public record MonitorParts(ConversationDao conversations, ConversationStateMachine machine,
    PresenceStore presence, RoutingStore routing, BlockingExecutor store, Clock clock) {}
