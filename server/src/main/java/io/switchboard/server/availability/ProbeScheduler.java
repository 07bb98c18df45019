package io.switchboard.server.availability;

import io.switchboard.server.store.availability.ProbeResult;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.store.availability.ProbeTrafficPurge;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes once a minute on this node: a timer looks every few seconds whether the clock's minute
 * has changed since the last probe, and if so probes and records the result for that minute
 * (the table keeps the first result per node and minute, so a repeated minute changes nothing).
 * Once an hour it purges probe conversations and contacts older than a day, in small batches.
 *
 * <p>Thread-safe: the timer runs one tick at a time; {@link #probeNow} may be called alongside.
 */
public final class ProbeScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);
  /** How long probe traffic is kept. */
  public static final Duration KEEP = Duration.ofDays(1);
  private static final int PURGE_BATCH = 200;
  private static final int PURGE_BATCHES_PER_RUN = 50;

  private final Supplier<ProbeOutcome> probe;
  private final ProbeResultDao results;
  private final ProbeTrafficPurge purge;
  private final String nodeId;
  private final Clock clock;
  private final AtomicReference<Instant> lastMinute = new AtomicReference<>();
  private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);
  private final CycleCount cycles = new CycleCount();
  private Periodic timer;

  public ProbeScheduler(Supplier<ProbeOutcome> probe, ProbeResultDao results,
      ProbeTrafficPurge purge, String nodeId, Clock clock) {
    this.probe = probe;
    this.results = results;
    this.purge = purge;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  /** Starts looking for a new minute every {@code tick}. */
  public void start(Duration tick) {
    timer = Periodic.start("availability-probe", tick, tick, () -> cycles.run(this::tick));
  }

  /** Completed timer ticks (tests wait for whole ticks). */
  public CycleCount cycles() {
    return cycles;
  }

  private void tick() {
    Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant previous = lastMinute.get();
    if (previous == null || minute.isAfter(previous)) {
      lastMinute.set(minute);
      probeNow();
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextPurge.get())) {
      nextPurge.set(now.plus(Duration.ofHours(1)));
      purgeOld(now.minus(KEEP));
    }
  }

  /**
   * Probes now and records the result under the minute the probe started in; returns what it
   * recorded, or what it would have recorded had this node no result for that minute yet.
   */
  public ProbeResult probeNow() {
    Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    ProbeOutcome outcome = probe.get();
    ProbeResult result = new ProbeResult(minute, nodeId, outcome.ok(), outcome.latencyMs(),
        outcome.failure(), clock.instant());
    if (!outcome.ok()) {
      LOG.warn("availability probe failed on node {}: {}", nodeId, outcome.failure());
    }
    results.record(result);
    return result;
  }

  /** Deletes probe conversations, then probe contacts, created before {@code before}. */
  public int purgeOld(Instant before) {
    int deleted = 0;
    for (int batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
      int count = purge.conversations(before, PURGE_BATCH);
      deleted += count;
      if (count < PURGE_BATCH) {
        break;
      }
    }
    for (int batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
      int count = purge.contacts(before, PURGE_BATCH);
      deleted += count;
      if (count < PURGE_BATCH) {
        break;
      }
    }
    return deleted;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.close();
    }
  }
}
