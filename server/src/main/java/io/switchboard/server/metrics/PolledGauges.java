package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.switchboard.server.util.Periodic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges whose value costs a query (a backlog counted in PostgreSQL): a background thread reads
 * each one every period and the scrape returns the last reading, so a busy scraper never reaches
 * the database and a slow query never holds up {@code /metrics}. A reading that fails leaves the
 * gauge at NaN until the next one succeeds.
 *
 * <p>Thread-safe: gauges may be added at any time; readings are published through atomics.
 */
public final class PolledGauges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolledGauges.class);

  private record Polled(String name, Callable<? extends Number> read,
      AtomicReference<Double> last) {}

  private final NodeMetrics metrics;
  private final List<Polled> polled = new CopyOnWriteArrayList<>();
  private final Periodic task;

  private PolledGauges(NodeMetrics metrics, Duration period) {
    this.metrics = metrics;
    this.task = Periodic.start("polled-gauges", Duration.ZERO, period, this::readAll);
  }

  /** Starts reading every {@code period}, the first time at once. */
  public static PolledGauges start(NodeMetrics metrics, Duration period) {
    return new PolledGauges(metrics, period);
  }

  /**
   * Adds a gauge {@code switchboard.<name>} with {@code tags} whose value {@code read} returns;
   * {@code read} runs on the polling thread and may block.
   */
  public void add(String name, String description, Tags tags, Callable<? extends Number> read) {
    AtomicReference<Double> last = new AtomicReference<>(Double.NaN);
    Gauge.builder(NodeMetrics.PREFIX + name, last, AtomicReference::get)
        .description(description).tags(tags).strongReference(true)
        .register(metrics.registry());
    Polled gauge = new Polled(name, read, last);
    polled.add(gauge);
    readOne(gauge);
  }

  private void readAll() {
    for (Polled gauge : new ArrayList<>(polled)) {
      readOne(gauge);
    }
  }

  private static void readOne(Polled gauge) {
    try {
      gauge.last().set(gauge.read().call().doubleValue());
    } catch (Exception e) {
      gauge.last().set(Double.NaN);
      LOG.debug("gauge {} not read: {}", gauge.name(), e.toString());
    }
  }

  @Override
  public void close() {
    task.close();
  }
}
