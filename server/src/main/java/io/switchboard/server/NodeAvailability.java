package io.switchboard.server;

import io.switchboard.server.api.AvailabilityApi;
import io.switchboard.server.availability.AvailabilityService;
import io.switchboard.server.availability.ProbeScheduler;
import io.switchboard.server.availability.VisitorProbe;
import io.switchboard.server.presence.NodeCard;
import io.switchboard.server.presence.RedisNodeDirectory;
import io.switchboard.server.presence.RedisNodeRegistry;
import io.switchboard.server.store.availability.MaintenanceWindowDao;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.store.availability.ProbeTrafficPurge;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A node's measured availability: the probe that acts as a visitor of the probe site once a
 * minute through the node's public address ({@code SWITCHBOARD_PUBLIC_URL}, or else the address
 * this node listens on, as its card in Redis gives it once it is bound, over TLS when the node
 * serves TLS itself), the purge of old probe
 * traffic, and the availability and maintenance-window routes. Probes and purges run on the
 * system clock.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
final class NodeAvailability implements AutoCloseable {
  /** The longest any one step of a probe may take. */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  private final ProbeScheduler scheduler;
  private final VisitorProbe probe;

  private NodeAvailability(ProbeScheduler scheduler, VisitorProbe probe) {
    this.scheduler = scheduler;
    this.probe = probe;
  }

  static NodeAvailability start(NodeServiceDesk.Parts p) {
    ProbeResultDao results = new ProbeResultDao(p.jdbi());
    AvailabilityService service = new AvailabilityService(results,
        new MaintenanceWindowDao(p.jdbi()), p.clock());
    new AvailabilityApi(service, p.auth(), p.store(), p.clock()).register(p.api());
    RedisNodeDirectory directory = new RedisNodeDirectory(new RedisNodeRegistry(p.redis()),
        p.redis());
    String publicUrl = p.config().publicUrl();
    String nodeId = p.config().nodeId();
    java.nio.file.Path ownCertificate = p.config().security().transit().certificate();
    // Without a public URL the probe dials the node's own port: over TLS when the node serves it.
    VisitorProbe probe = publicUrl != null
        ? new VisitorProbe(() -> URI.create(publicUrl), STEP_TIMEOUT)
        : ownCertificate != null
        ? VisitorProbe.ofOwnTlsPort(() -> listenAddress(directory, nodeId, "https://"),
            STEP_TIMEOUT, ownCertificate)
        : new VisitorProbe(() -> listenAddress(directory, nodeId, "http://"), STEP_TIMEOUT);
    ProbeScheduler scheduler = new ProbeScheduler(probe::run, results,
        new ProbeTrafficPurge(p.jdbi()), nodeId, p.clock());
    scheduler.start(Duration.ofSeconds(5));
    return new NodeAvailability(scheduler, probe);
  }

  private static URI listenAddress(RedisNodeDirectory directory, String nodeId, String scheme) {
    try {
      String address = directory.liveNodes().toCompletableFuture()
          .get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
          .filter(card -> card.nodeId().equals(nodeId)).map(NodeCard::address)
          .filter(java.util.Objects::nonNull).findFirst()
          .orElseThrow(() -> new IllegalStateException("this node has no card in Redis"));
      return URI.create(scheme + address);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read this node's card from Redis", e);
    }
  }

  @Override
  public void close() {
    scheduler.close();
    probe.close();
  }
}
