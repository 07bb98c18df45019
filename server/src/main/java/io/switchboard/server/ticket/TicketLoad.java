package io.switchboard.server.ticket;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketStatus;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps chat routing aware of ticket work: an agent's chat capacity in routing is their capacity
 * less one slot per N new or open tickets they hold (N set per team, 0: tickets do not count; see
 * {@code RoutingRulesDao#agentRouting}). When a change moves a ticket onto or off an agent's desk,
 * the agent's routing profile is written again if they are online or away, and their queues are
 * offered what waits (a freed slot takes a chat at once).
 *
 * <p>Thread-safe; call it from a thread that may block.
 */
final class TicketLoad {
  private static final Logger LOG = LoggerFactory.getLogger(TicketLoad.class);
  private static final Set<TicketStatus> ACTIVE = Set.of(TicketStatus.NEW, TicketStatus.OPEN);

  private final PresenceStore presence;
  private final RoutingRulesDao rules;
  private final RoutingService routing;
  private final String nodeId;

  TicketLoad(PresenceStore presence, RoutingRulesDao rules, RoutingService routing,
      String nodeId) {
    this.presence = presence;
    this.rules = rules;
    this.routing = routing;
    this.nodeId = nodeId;
  }

  /** After a change from {@code before} (null: a new ticket) to {@code after}. */
  void changed(Ticket before, Ticket after) {
    Set<UUID> agents = new LinkedHashSet<>();
    if (before == null || !same(before, after)) {
      if (before != null && before.assigneeId() != null) {
        agents.add(before.assigneeId());
      }
      if (after.assigneeId() != null) {
        agents.add(after.assigneeId());
      }
    }
    agents.forEach(this::refresh);
  }

  private static boolean same(Ticket before, Ticket after) {
    return java.util.Objects.equals(before.assigneeId(), after.assigneeId())
        && ACTIVE.contains(before.status()) == ACTIVE.contains(after.status());
  }

  private void refresh(UUID agent) {
    try {
      AgentStatus status = presence.status(agent).toCompletableFuture().join();
      if (status == AgentStatus.OFFLINE) {
        return;
      }
      var profile = rules.agentRouting(agent).orElse(null);
      if (profile == null) {
        return;
      }
      presence.setStatus(agent, status, profile, nodeId).toCompletableFuture().join();
      profile.queues().forEach(routing::assignLater);
    } catch (RuntimeException e) {
      // Routing catches up on the agent's next status change; the ticket change stands.
      LOG.warn("chat capacity of agent {} not refreshed after a ticket change: {}", agent,
          e.toString());
    }
  }
}
