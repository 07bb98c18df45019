package io.switchboard.server.store.ticket;

/**
 * How many tickets each console view holds, within one staff member's scope.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mine active tickets assigned to them (new, open, pending, on hold)
 * @param unassigned active tickets nobody holds
 * @param breachingSoon active tickets whose next SLA deadline falls within the hour (or passed)
 * @param pending tickets waiting on the customer
 * @param all every ticket that is not closed
 * @param complaints active tickets of type complaint
 */
public record TicketCounts(int mine, int unassigned, int breachingSoon, int pending, int all,
    int complaints) {}
