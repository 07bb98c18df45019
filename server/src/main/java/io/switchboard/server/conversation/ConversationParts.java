package io.switchboard.server.conversation;

import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.Stores;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;

/**
 * What the conversation owner works with, built once by the node.
 *
 * <p>Immutable and thread-safe (its parts are).
 *
 * @param clock the time events carry
 * @param businessClock the time business hours are judged by (tests move it)
 */
public record ConversationParts(Stores stores, ConversationAccess access, RoutingService routing,
    RoutingStore routingStore, DeliveryService delivery, BlockingExecutor store, Clock clock,
    Clock businessClock) {}
