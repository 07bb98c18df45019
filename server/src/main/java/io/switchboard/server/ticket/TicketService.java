package io.switchboard.server.ticket;

import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.ticket.TicketEvent;
import io.switchboard.server.store.ticket.TicketLink;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ticket side of the node, built once: the state machine, intake, and the reads staff make
 * (a ticket with its thread, history, links and SLA clocks).
 *
 * <p>Thread-safe. The reads block on the database: call them on the store executor.
 */
public final class TicketService {
  /** What keeps chat routing aware of ticket work: presence, routing and this node's id. */
  public record TicketRouting(io.switchboard.server.presence.PresenceStore presence,
      io.switchboard.server.routing.RoutingService routing, String nodeId) {}

  /** A ticket as its page shows it. */
  public record TicketDetail(Ticket ticket, List<TicketEntry> entries, List<TicketEvent> events,
      List<TicketLink> links, TicketSla sla) {}

  private final Stores stores;
  private final ConversationAccess conversations;
  private final TicketStateMachine machine;
  private final TicketIntake intake;
  private final SlaKeeper sla;
  private final ChatSla chatSla;
  private final TicketNotifier notifier;

  /**
   * {@code clock} stamps tickets and runs their SLA clocks (tests move it); {@code chatClock} is
   * the time chat messages are stamped with, which chat clocks count against.
   */
  public TicketService(Stores stores, ConversationAccess conversations, DeliveryService delivery,
      TicketRouting routing, Clock clock, Clock chatClock) {
    this.stores = stores;
    this.conversations = conversations;
    this.notifier = new TicketNotifier(delivery, stores.teams(), stores.users());
    this.sla = new SlaKeeper(stores, clock);
    this.chatSla = new ChatSla(stores, conversations, chatClock);
    TicketLoad load = new TicketLoad(routing.presence(), stores.rules(), routing.routing(),
        routing.nodeId());
    this.machine = new TicketStateMachine(stores, sla, notifier, load, clock);
    this.intake = new TicketIntake(stores, conversations, delivery, sla, notifier, load, clock);
  }

  public TicketStateMachine machine() {
    return machine;
  }

  public TicketIntake intake() {
    return intake;
  }

  TicketNotifier notifier() {
    return notifier;
  }

  public ChatSla chatSla() {
    return chatSla;
  }

  public SlaKeeper sla() {
    return sla;
  }

  public TicketDetail detail(Principal staff, UUID id) {
    Ticket ticket = machine.readable(staff, id);
    return new TicketDetail(ticket, stores.tickets().entries(id, false),
        stores.tickets().events(id), stores.tickets().links(id), sla.view(ticket));
  }

  /** The worst state among each ticket's open clocks (absent: no open clock). */
  public Map<UUID, String> slaStates(List<Ticket> tickets) {
    return sla.worstStates(tickets.stream().map(Ticket::id).toList());
  }

  /** The tickets linked to a chat the staff member may read. */
  public List<Ticket> ofConversation(Principal staff, UUID conversationId) {
    conversations.find(staff, Action.READ, conversationId);
    return stores.tickets().forConversation(conversationId);
  }
}
