package io.switchboard.server.conversation;

import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingService;
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
public record MonitorParts(ConversationDao conversations, PresenceStore presence,
    RoutingStore routing, RoutingService routingService, DeliveryService delivery,
    BlockingExecutor store, Clock clock) {}
