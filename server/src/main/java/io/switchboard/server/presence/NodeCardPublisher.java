package io.switchboard.server.presence;

import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this node's card (address, beat time, sessions and distinct staff users connected
 * here) every third of the TTL, next to the heartbeat, and removes it on a graceful stop.
 *
 * <p>Thread-safe: publishes on its own thread.
 */
public final class NodeCardPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCardPublisher.class);

  private final RedisNodeDirectory directory;
  private final Supplier<Connections> connections;
  private final String nodeId;
  private final String address;
  private final Duration ttl;
  private final Clock clock;
  private Periodic periodic;

  /** How many sessions this node holds, and how many distinct staff users they belong to. */
  public record Connections(int sessions, int staffUsers) {}

  /** @param connections counts this node's sessions now (called on the publisher's thread) */
  public NodeCardPublisher(RedisNodeDirectory directory, Supplier<Connections> connections,
      String nodeId, String address, Duration ttl, Clock clock) {
    this.directory = directory;
    this.connections = connections;
    this.nodeId = nodeId;
    this.address = address;
    this.ttl = ttl;
    this.clock = clock;
  }

  public synchronized void start() {
    Duration period = Duration.ofMillis(Math.max(200, ttl.toMillis() / 3));
    periodic = Periodic.start("node-card", Duration.ZERO, period, this::publish);
  }

  private void publish() {
    Connections now = connections.get();
    directory.publish(new NodeCard(nodeId, address, clock.instant(), now.sessions(),
            now.staffUsers()), ttl)
        .whenComplete((ok, error) -> {
          if (error != null) {
            LOG.debug("node card not published: {}", error.toString());
          }
        });
  }

  @Override
  public synchronized void close() {
    if (periodic != null) {
      periodic.close();
    }
    try {
      directory.remove(nodeId).toCompletableFuture().get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("removing node card {} failed: {}", nodeId, e.toString());
    }
  }

  /** Where this node listens, as the wall shows it: the host name when bound to every address. */
  public static String address(String bindHost, int port) {
    String host = bindHost;
    if (bindHost.equals("0.0.0.0") || bindHost.equals("::")) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException unknown) {
        host = bindHost;
      }
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
