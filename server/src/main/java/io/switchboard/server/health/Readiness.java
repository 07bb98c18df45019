package io.switchboard.server.health;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether this node should get traffic: PostgreSQL and Redis answer (each within
 * {@link #CHECK_TIMEOUT}), its migrations are done, and it is not draining. The store checks are
 * cached for {@link #CACHE_FOR}, so a load balancer probing often costs one check a second; a
 * node that starts draining is unready at once.
 *
 * <p>Thread-safe.
 */
public final class Readiness {
  /** How long one check of PostgreSQL or Redis may take before it counts as a failure. */
  public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);
  /** How long a check's result is reused. */
  public static final Duration CACHE_FOR = Duration.ofSeconds(1);

  /** What one check found. */
  public record Report(boolean database, boolean redis, boolean migrated, boolean draining) {
    /** Ready for traffic: everything reachable, migrated, not draining. */
    public boolean ready() {
      return database && redis && migrated && !draining;
    }

    Report draining(boolean now) {
      return new Report(database, redis, migrated, now);
    }
  }

  /** The store checks: each future says whether that store answered. */
  public interface Checks {
    CompletableFuture<Boolean> database();

    CompletableFuture<Boolean> redis();

    /** Whether every migration this build knows has been applied. */
    boolean migrated();
  }

  private record Cached(long atNanos, CompletableFuture<Report> report) {}

  private final Checks checks;
  private final LongSupplier nanoTime;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicReference<Cached> cached = new AtomicReference<>();
  private volatile boolean lastStoresOk;

  public Readiness(Checks checks) {
    this(checks, System::nanoTime);
  }

  /** With its own time source ({@code nanoTime}), so a test can move past the cache period. */
  public Readiness(Checks checks, LongSupplier nanoTime) {
    this.checks = Objects.requireNonNull(checks, "checks");
    this.nanoTime = nanoTime;
  }

  /** The current report: cached when younger than {@link #CACHE_FOR}, checked again when not. */
  public CompletableFuture<Report> report() {
    long now = nanoTime.getAsLong();
    Cached current = cached.get();
    if (current == null || now - current.atNanos() >= CACHE_FOR.toNanos()) {
      Cached fresh = new Cached(now, check());
      current = cached.compareAndSet(current, fresh) ? fresh : cached.get();
    }
    return current.report().thenApply(report -> report.draining(draining.get()));
  }

  private CompletableFuture<Report> check() {
    CompletableFuture<Boolean> database = bounded(checks::database);
    CompletableFuture<Boolean> redis = bounded(checks::redis);
    boolean migrated = checks.migrated();
    return database.thenCombine(redis, (db, r) -> {
      lastStoresOk = db && r && migrated;
      return new Report(db, r, migrated, draining.get());
    });
  }

  private static CompletableFuture<Boolean> bounded(Supplier<CompletableFuture<Boolean>> check) {
    try {
      return check.get().completeOnTimeout(false, CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(error -> false);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(false);
    }
  }

  /**
   * Whether the node was ready at the last finished check (and is not draining), without
   * waiting: starts a new check when the cached one is old, for the next caller. For the
   * {@code switchboard_ready} gauge.
   */
  public boolean readyNow() {
    report();
    return lastStoresOk && !draining.get();
  }

  /** From now on the node is unready and refuses new work (graceful shutdown). */
  public void startDraining() {
    draining.set(true);
  }

  /** Whether {@link #startDraining} was called. Cheap: read on every request. */
  public boolean draining() {
    return draining.get();
  }
}
