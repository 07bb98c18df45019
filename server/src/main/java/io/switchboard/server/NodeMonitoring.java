package io.switchboard.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.lockout.LoginGuardListener;
import io.switchboard.server.config.RateLimits;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.db.Database;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.SessionRegistry;
import io.switchboard.server.health.Readiness;
import io.switchboard.server.metrics.NodeMetrics;
import io.switchboard.server.metrics.PolledGauges;
import io.switchboard.server.ratelimit.Limit;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.Assignment;
import io.switchboard.server.routing.RoutingListener;
import io.switchboard.server.store.monitoring.BacklogDao;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A node's monitoring: its one {@link NodeMetrics} registry (made first, so the pool, the Redis
 * client and the message writer record into it from the start), the gauges and counters read
 * from the node's parts, the levels polled from PostgreSQL, and the {@link Readiness} that
 * {@code /readyz} and draining share.
 *
 * <p>Thread-safe: {@link #watch} is called once, during start; the rest may be used anywhere.
 */
final class NodeMonitoring implements AutoCloseable {
  /** How often the levels kept in PostgreSQL (queues, SLA, outbox) are read. */
  static final Duration POLL_PERIOD = Duration.ofSeconds(15);
  /** The window of the "SLA events lately" gauges. */
  static final Duration SLA_WINDOW = Duration.ofHours(1);

  private final NodeMetrics metrics;
  private volatile PolledGauges polled;
  private volatile Readiness readiness;

  private NodeMonitoring(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  static NodeMonitoring create(ServerConfig config) {
    NodeMetrics metrics = NodeMetrics.create(config.nodeId());
    // The refusal counters exist from the start (at 0), one per configured limit.
    RateLimits rates = config.security().rates();
    for (Limit limit : List.of(rates.visitorTokens(), rates.handshakes(), rates.addressStarts(),
        rates.visitorStarts(), rates.visitorMessages(), rates.visitorCommands(),
        rates.staffCommands())) {
      metrics.registry().counter(RateLimiter.REFUSALS, "limit", limit.name());
    }
    for (String outcome : List.of("succeeded", "failed", "refused", "error")) {
      metrics.registry().counter("switchboard.logins", "outcome", outcome);
    }
    return new NodeMonitoring(metrics);
  }

  NodeMetrics metrics() {
    return metrics;
  }

  MeterRegistry registry() {
    return metrics.registry();
  }

  Readiness readiness() {
    return readiness;
  }

  /** What the node's gauges read and its readiness checks. */
  record Watched(Database database, RedisConnections redis, BlockingExecutor store,
      SessionRegistry sessions, DeliveryService delivery, Clock clock) {}

  /** Registers the gauges over the node's parts, starts polling, and makes the readiness. */
  void watch(Watched parts) {
    MeterRegistry registry = metrics.registry();
    for (Role role : Role.values()) {
      Gauge.builder("switchboard.sessions", parts.sessions(), sessions -> sessions.count(role))
          .description("open WebSocket sessions on this node, by role")
          .tag("role", role.wire()).register(registry);
    }
    FunctionCounter.builder("switchboard.messages.out", parts.delivery(),
            DeliveryService::messagesDelivered)
        .description("chat messages written to this node's sessions (live, replayed, backfilled)")
        .register(registry);
    BacklogDao backlog = new BacklogDao(parts.database().jdbi());
    Clock clock = parts.clock();
    polled = PolledGauges.start(metrics, POLL_PERIOD);
    polled.add("routing.queued", "conversations waiting in a queue (whole installation)",
        Tags.empty(), backlog::queuedConversations);
    polled.add("routing.longest.wait.seconds", "how long the longest-waiting conversation has"
        + " waited (whole installation)", Tags.empty(),
        () -> backlog.longestQueuedSeconds(clock.instant()));
    polled.add("sla.clocks.at.risk", "ticket SLA clocks at risk now (whole installation)",
        Tags.empty(), backlog::slaClocksAtRisk);
    for (String kind : List.of("at_risk", "breached")) {
      polled.add("sla.events.last.hour", "SLA at-risk and breach events fired in the last hour"
          + " (whole installation)", Tags.of("kind", kind),
          () -> backlog.slaEventsWithin(kind, clock.instant(), SLA_WINDOW));
    }
    polled.add("mail.outbox.queued", "emails waiting in the outbox to be sent or retried"
        + " (whole installation)", Tags.empty(), backlog::mailOutboxQueued);
    polled.add("webhook.backlog", "webhook events not yet delivered, due or waiting for a retry"
        + " (whole installation)", Tags.empty(),
        new WebhookOutboxDao(parts.database().jdbi())::backlog);
    readiness = new Readiness(new StoreChecks(parts));
    Readiness ready = readiness;
    Gauge.builder("switchboard.ready", () -> ready.readyNow() ? 1 : 0)
        .description("1 while /readyz answers 200 (stores reachable, migrated, not draining)")
        .strongReference(true).register(registry);
  }

  /** Counts the assignments routing makes, around the listener that records them. */
  RoutingListener counting(RoutingListener listener) {
    var assignments = metrics.registry().counter("switchboard.routing.assignments");
    return new RoutingListener() {
      @Override
      public CompletionStage<Set<UUID>> record(List<Assignment> chosen) {
        return listener.record(chosen).thenApply(assigned -> {
          assignments.increment(assigned.size());
          return assigned;
        });
      }

      @Override
      public void outcomeUnknown(List<Assignment> chosen) {
        listener.outcomeUnknown(chosen);
      }

      @Override
      public void enqueued(String queueId, UUID conversationId) {
        listener.enqueued(queueId, conversationId);
      }

      @Override
      public void left(String queueId) {
        listener.left(queueId);
      }

      @Override
      public void ran(String queueId, int assigned, boolean failed) {
        listener.ran(queueId, assigned, failed);
      }
    };
  }

  /** Counts the locks the login guard sets, by what was locked, around {@code listener}. */
  LoginGuardListener counting(LoginGuardListener listener) {
    MeterRegistry registry = metrics.registry();
    for (LoginGuardListener.Target target : LoginGuardListener.Target.values()) {
      registry.counter("switchboard.login.lockouts", "target", target.wire());
    }
    return new LoginGuardListener() {
      @Override
      public void locked(Target target, String email, String address, Instant until) {
        registry.counter("switchboard.login.lockouts", "target", target.wire()).increment();
        listener.locked(target, email, address, until);
      }

      @Override
      public void unlocked(UUID userId, String email, String byUserId) {
        listener.unlocked(userId, email, byUserId);
      }
    };
  }

  /** PostgreSQL answers {@code SELECT 1}; Redis answers {@code PING}; migrations ran at start. */
  private record StoreChecks(Watched parts) implements Readiness.Checks {
    @Override
    public CompletableFuture<Boolean> database() {
      return parts.store().call(() -> parts.database().jdbi().withHandle(handle ->
          handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1);
    }

    @Override
    public CompletableFuture<Boolean> redis() {
      return parts.redis().async().ping().toCompletableFuture()
          .thenApply(reply -> "PONG".equals(reply.toUpperCase(Locale.ROOT)));
    }

    @Override
    public boolean migrated() {
      // Database.open returns only after Flyway applied every migration of this build.
      return parts.database() != null;
    }
  }

  @Override
  public void close() {
    if (polled != null) {
      polled.close();
    }
    metrics.close();
  }
}
