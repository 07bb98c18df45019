package io.switchboard.server.ticket;

import static io.switchboard.server.store.ticket.TicketStatus.CLOSED;
import static io.switchboard.server.store.ticket.TicketStatus.NEW;
import static io.switchboard.server.store.ticket.TicketStatus.ON_HOLD;
import static io.switchboard.server.store.ticket.TicketStatus.OPEN;
import static io.switchboard.server.store.ticket.TicketStatus.PENDING;
import static io.switchboard.server.store.ticket.TicketStatus.SOLVED;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.ticket.TicketStatus;
import io.switchboard.server.util.SwitchboardException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket workflow as a table (PROTOCOL.md 3.7): new -> open -> pending / on hold -> solved
 * -> closed, reopen from solved, nothing out of closed. The state machine asks here before it
 * writes, and passes {@link #from} to the store, which checks it again under the row lock.
 *
 * <p>Stateless and thread-safe.
 */
public final class TicketWorkflow {
  private static final Map<TicketStatus, Set<TicketStatus>> NEXT = new EnumMap<>(Map.of(
      NEW, EnumSet.of(OPEN, PENDING, ON_HOLD, SOLVED),
      OPEN, EnumSet.of(PENDING, ON_HOLD, SOLVED),
      PENDING, EnumSet.of(OPEN, ON_HOLD, SOLVED),
      ON_HOLD, EnumSet.of(OPEN, PENDING, SOLVED),
      SOLVED, EnumSet.of(OPEN, CLOSED),
      CLOSED, EnumSet.noneOf(TicketStatus.class)));

  /** Every status in which a ticket still takes entries and changes. */
  public static final Set<TicketStatus> ACTIVE_OR_SOLVED =
      EnumSet.complementOf(EnumSet.of(CLOSED));

  /** A requester's reply sends these back to open. */
  public static final Set<TicketStatus> REOPENED_BY_CUSTOMER = EnumSet.of(PENDING, SOLVED);

  private TicketWorkflow() {}

  /** Where a ticket in {@code status} may go. */
  public static Set<TicketStatus> next(TicketStatus status) {
    return NEXT.get(status);
  }

  /** The statuses from which a ticket may move to {@code to}. */
  public static Set<TicketStatus> from(TicketStatus to) {
    Set<TicketStatus> from = EnumSet.noneOf(TicketStatus.class);
    NEXT.forEach((status, next) -> {
      if (next.contains(to)) {
        from.add(status);
      }
    });
    return from;
  }

  /** Throws {@link ErrorCode#CONFLICT}, naming both statuses, unless the move is allowed. */
  public static void check(TicketStatus from, TicketStatus to) {
    if (!NEXT.get(from).contains(to)) {
      throw refusal(from, to);
    }
  }

  static SwitchboardException refusal(TicketStatus from, TicketStatus to) {
    String why = from == CLOSED ? "; a closed ticket is final, open a new one"
        : from == to ? "; it is " + from.wire() + " already" : "";
    return new SwitchboardException(ErrorCode.CONFLICT, "status: a ticket that is " + from.wire()
        + " cannot become " + to.wire() + why);
  }
}
