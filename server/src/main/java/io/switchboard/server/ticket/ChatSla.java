package io.switchboard.server.ticket;

import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.sla.BusinessCalendar;
import io.switchboard.server.sla.SlaClock;
import io.switchboard.server.sla.SlaClocks;
import io.switchboard.server.sla.SlaPolicies;
import io.switchboard.server.sla.SlaPolicy;
import io.switchboard.server.sla.TicketAttributes;
import io.switchboard.server.sla.TicketFact;
import io.switchboard.server.sla.TicketHistory;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SLA clocks of a live chat, from the same engine as tickets: {@code first_response} from the
 * start of the conversation to the agent's first message, and {@code next_response} from each
 * visitor message after that to the agent's next one, against the chat targets of the first
 * policy that matches the chat (channel {@code chat}, its queue and the contact's tags), counted
 * on that policy's calendar. Closing the chat stops what is open. Computed when asked, from the
 * stored messages, so nothing is kept that could drift.
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class ChatSla {
  /** A chat's policy and clocks; {@code policy} is null when no policy gives chats targets. */
  public record ChatClocks(SlaPolicy policy, List<SlaClock> clocks) {}

  private final Stores stores;
  private final ConversationAccess access;
  private final Clock clock;

  public ChatSla(Stores stores, ConversationAccess access, Clock clock) {
    this.stores = stores;
    this.access = access;
    this.clock = clock;
  }

  /** The chat's clocks, for staff who may read the conversation. */
  public ChatClocks clocks(Principal staff, UUID conversationId) {
    Conversation chat = access.find(staff, Action.READ, conversationId);
    List<SlaPolicy> policies = stores.slaPolicies().list().stream()
        .map(SlaPolicyCodec::policy).toList();
    SlaPolicy policy = SlaPolicies.first(policies, new TicketAttributes(TicketPriority.NORMAL,
            TicketType.QUESTION, chat.queueId(), TicketChannel.CHAT,
            new HashSet<>(stores.contacts().tags(chat.contactId()))))
        .filter(found -> !found.chatTargets().isEmpty()).orElse(null);
    if (policy == null) {
      return new ChatClocks(null, List.of());
    }
    BusinessCalendar calendar = policy.calendarQueueId() == null ? BusinessCalendar.allHours()
        : stores.lookups().schedule(policy.calendarQueueId()).map(BusinessCalendar::of)
            .orElse(BusinessCalendar.allHours());
    return new ChatClocks(policy, SlaClocks.compute(history(chat,
        stores.messages().timeline(chat.id())), policy.chatClockTargets(), calendar,
        policy.warnPercent() / 100.0, clock.instant()));
  }

  /** A chat as SLA facts: opened, the visitor's and the agents' messages, closed. */
  static TicketHistory history(Conversation chat, List<Map.Entry<String, Instant>> messages) {
    List<TicketFact> facts = new ArrayList<>();
    facts.add(new TicketFact(chat.createdAt(), TicketFact.Kind.CREATED, "open"));
    for (Map.Entry<String, Instant> message : messages) {
      if (message.getKey().equals("visitor")) {
        facts.add(new TicketFact(message.getValue(), TicketFact.Kind.CUSTOMER_MESSAGE, null));
      } else if (message.getKey().equals("agent")) {
        facts.add(new TicketFact(message.getValue(), TicketFact.Kind.AGENT_REPLY, null));
      }
    }
    if (chat.closedAt() != null) {
      facts.add(new TicketFact(chat.closedAt(), TicketFact.Kind.STATUS, "closed"));
    }
    facts.sort(java.util.Comparator.comparing(TicketFact::at));
    return new TicketHistory(TicketPriority.NORMAL, facts);
  }
}
