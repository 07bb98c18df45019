package io.switchboard.server.presence;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Which server nodes are alive. Each node registers itself with a TTL and refreshes it; a node
 * whose key has expired is dead, and the conversations it held can be taken over.
 *
 * <p>Every method is non-blocking. A stage fails with a {@link SwitchboardException} carrying
 * {@link ErrorCode#UNAVAILABLE} when the registry cannot be reached in time.
 *
 * <p>Implementations are thread-safe.
 */
public interface NodeRegistry {
  /** Marks the node alive for {@code ttl}, whether or not it was registered before. */
  CompletionStage<Void> register(String nodeId, Duration ttl);

  /**
   * Extends the node's liveness to {@code ttl} from now, only if it is still registered.
   *
   * @return completes with false when the registration had expired: other nodes may already have
   *     taken over this node's work, so the caller re-registers and resynchronises
   */
  CompletionStage<Boolean> heartbeat(String nodeId, Duration ttl);

  /** Removes the node at once, for a clean shutdown. */
  CompletionStage<Void> unregister(String nodeId);

  /** Whether the node is registered and its TTL has not run out. */
  CompletionStage<Boolean> isAlive(String nodeId);

  /** The ids of every live node. */
  CompletionStage<Set<String>> liveNodes();
}
