package io.switchboard.server.presence;

import io.switchboard.server.util.NamedThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node registered in Redis with a heartbeat TTL, so the other nodes and the wall can
 * tell which nodes are alive. A node that dies simply stops beating and expires; nothing waits for
 * it to come back. A graceful stop unregisters at once.
 *
 * <p>Thread-safe: beats on its own thread.
 */
public final class NodeHeartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final NodeRegistry registry;
  private final String nodeId;
  private final Duration ttl;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("node-heartbeat", true));

  public NodeHeartbeat(NodeRegistry registry, String nodeId, Duration ttl) {
    this.registry = registry;
    this.nodeId = nodeId;
    this.ttl = ttl;
  }

  public void start() {
    registry.register(nodeId, ttl);
    long period = Math.max(200, ttl.toMillis() / 3);
    timer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    registry.heartbeat(nodeId, ttl).whenComplete((alive, error) -> {
      if (error != null) {
        LOG.debug("node heartbeat failed: {}", error.toString());
      } else if (!alive) {
        // Redis lost the key (restart or expiry during a pause): register again.
        registry.register(nodeId, ttl);
      }
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      registry.unregister(nodeId).toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("unregistering node {} failed: {}", nodeId, e.toString());
    }
  }
}
