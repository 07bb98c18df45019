package io.switchboard.server.store.agentstatus;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A faster source of the agent time report's sums than reading the status periods and held
 * chats: the node's in-memory report index. For each agent, over [start, end) in milliseconds:
 * time online, time away, chats held times time online, time online holding a chat, and the
 * most chats held at once while online, as {@code AgentTimeSweep} adds them up.
 *
 * <p>Implementations are thread-safe.
 */
public interface AgentTimeSource {
  /** The sums of each agent ({@code long[5]}), or null when the source cannot answer now. */
  Map<UUID, long[]> sums(List<UUID> agents, long start, long end);
}
