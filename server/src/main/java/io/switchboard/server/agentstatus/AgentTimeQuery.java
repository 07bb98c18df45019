package io.switchboard.server.agentstatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * What the agent time report is asked for: local dates {@code from} to {@code to}, both
 * included, in {@code zone}, and the optional filters (null for none).
 *
 * <p>Immutable and thread-safe.
 */
public record AgentTimeQuery(LocalDate from, LocalDate to, ZoneId zone, String siteId,
    String teamId, String queueId, UUID agentId) {
  /** The range's first instant: the start of {@code from} in the zone. */
  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The instant after the range: the start of the day after {@code to} in the zone. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
