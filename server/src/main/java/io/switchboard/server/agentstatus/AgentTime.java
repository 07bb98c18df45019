package io.switchboard.server.agentstatus;

import java.util.UUID;

/**
 * One agent's row of the agent time report over a range.
 *
 * <p>Immutable and thread-safe.
 *
 * @param onlineSeconds time online in the range (up to now)
 * @param awaySeconds time away
 * @param offlineSeconds the rest of the range, from when the agent's account existed, up to now
 * @param maxConcurrency the most chats the agent held at once while online (0 when never online)
 * @param averageConcurrency chats held on average over the online time (null without online time)
 * @param occupancy the share of the online time with at least one chat (null without online time)
 */
public record AgentTime(UUID agentId, String name, long onlineSeconds, long awaySeconds,
    long offlineSeconds, int maxConcurrency, Double averageConcurrency, Double occupancy) {}
