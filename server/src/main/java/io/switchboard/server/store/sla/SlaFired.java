package io.switchboard.server.store.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * An at-risk or breach event this node fired: recorded once, with what its policy's actions
 * changed in the same transaction.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code at_risk} or {@code breached}
 * @param alert whether the policy tells the people who work the ticket
 * @param raisedTo the priority the ticket was raised to, or null
 * @param movedTo the escalation queue the ticket was moved to, or null
 */
public record SlaFired(UUID ticketId, String metric, int cycle, String kind, Long policyId,
    boolean alert, Instant deadline, Instant firedAt, String raisedTo, String movedTo) {}
