package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/**
 * A node's meters: one Prometheus registry per node, made by the node's wiring and handed to the
 * code that records (the message writer, the Redis client, the connection pool, the transport),
 * served as text at {@code GET /metrics}. The JVM and process binders are bound at creation.
 *
 * <p>Labels stay few: a role, an outcome, a limit's name, a Redis command, never the id of a
 * conversation, user or session (README, "Monitoring").
 *
 * <p>Thread-safe: Micrometer's registry is.
 */
public final class NodeMetrics implements AutoCloseable {
  /** The prefix of every Switchboard meter (Prometheus adds the unit and {@code _total}). */
  public static final String PREFIX = "switchboard.";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  private NodeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry with the JVM and process meters bound, every meter tagged with {@code node}. */
  public static NodeMetrics create(String nodeId) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(Tags.of("node", nodeId));
    NodeMetrics metrics = new NodeMetrics(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    metrics.gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return metrics;
  }

  /**
   * A registry that keeps nothing, for code built without a node around it (tools and tests of
   * one class); meters made on it cost next to nothing.
   */
  public static MeterRegistry unrecorded() {
    return new CompositeMeterRegistry();
  }

  /** Where recording code registers its meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Registers a gauge read at every scrape, the hook for features that report a level (a backlog,
   * a queue): {@code name} without the {@code switchboard.} prefix, dotted ({@code
   * webhook.backlog}). The supplier must be cheap and must not block: keep a slow value in a
   * {@link PolledGauges} instead.
   */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(PREFIX + name, value).description(description).strongReference(true)
        .register(registry);
  }

  /** The text exposition format (version 0.0.4) of every meter, what {@code /metrics} serves. */
  public String scrape() {
    return registry.scrape();
  }

  /** The content type of {@link #scrape()}. */
  public static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
