package io.switchboard.server.util;

import io.switchboard.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit for reads: concurrent requests of one kind are answered by one batch call. A
 * request arriving while no batch runs starts one at once on the executor, so a lone request waits
 * for nothing; requests arriving while a batch runs wait for it and all go into the next batch (up
 * to {@code maxBatch} at a time). A reconnect storm that would issue thousands of identical
 * statements issues a few dozen.
 *
 * <p>The batch function gets distinct keys and returns a value for each key it found; a key it
 * leaves out completes with null. When the batch function throws, every request of that batch
 * fails: with the {@link SwitchboardException} thrown, or else with
 * {@link ErrorCode#UNAVAILABLE}. When the executor refuses the work (its queue is full), every
 * waiting request fails with its error.
 *
 * <p>Thread-safe: {@link #submit} never blocks and may be called from any thread, event loops
 * included. Futures complete on an executor thread.
 *
 * @param <K> the request, used as a map key (a record with value equality)
 * @param <V> the answer to one request
 */
public final class RequestBatcher<K, V> {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RequestBatcher.class);

  private record Pending<K, V>(K key, CompletableFuture<V> result) {}

  private final BlockingExecutor executor;
  private final int maxBatch;
  private final Function<List<K>, Map<K, V>> batch;
  private final Queue<Pending<K, V>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();

  public RequestBatcher(BlockingExecutor executor, int maxBatch,
      Function<List<K>, Map<K, V>> batch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
    this.executor = Objects.requireNonNull(executor, "executor");
    this.maxBatch = maxBatch;
    this.batch = Objects.requireNonNull(batch, "batch");
  }

  /**
   * {@code batch}, answering nothing when it throws (logged as {@code what} failing): every
   * request of that batch then completes with null, and its caller can take its one-at-a-time
   * path, where a request that cannot be stored fails alone instead of failing its batch.
   */
  public static <K, V> Function<List<K>, Map<K, V>> orNone(String what,
      Function<List<K>, Map<K, V>> batch) {
    return keys -> {
      try {
        return batch.apply(keys);
      } catch (RuntimeException e) {
        LOG.warn("{} for {} requests in one statement failed; each goes alone: {}", what,
            keys.size(), e.toString());
        return Map.of();
      }
    };
  }

  /** The answer to {@code key}, from the next batch. */
  public CompletableFuture<V> submit(K key) {
    CompletableFuture<V> result = new CompletableFuture<>();
    waiting.add(new Pending<>(Objects.requireNonNull(key, "key"), result));
    startIfIdle();
    return result;
  }

  private void startIfIdle() {
    if (waiting.isEmpty() || !running.compareAndSet(false, true)) {
      return;
    }
    executor.run(this::drain).whenComplete((ignored, refused) -> {
      if (refused != null) {
        // The executor never ran the drain: nobody else will answer what is waiting now.
        running.set(false);
        failWaiting(refused);
      }
    });
  }

  /** Runs batches until nothing waits; then lets the next request start a new drain. */
  private void drain() {
    try {
      for (List<Pending<K, V>> taken = take(); !taken.isEmpty(); taken = take()) {
        answer(taken);
      }
    } finally {
      running.set(false);
    }
    startIfIdle(); // a request that arrived after the last take() but saw running still set
  }

  private List<Pending<K, V>> take() {
    List<Pending<K, V>> taken = new ArrayList<>();
    Pending<K, V> next;
    while (taken.size() < maxBatch && (next = waiting.poll()) != null) {
      taken.add(next);
    }
    return taken;
  }

  private void answer(List<Pending<K, V>> taken) {
    LinkedHashSet<K> keys = new LinkedHashSet<>();
    for (Pending<K, V> p : taken) {
      keys.add(p.key());
    }
    Map<K, V> answers;
    try {
      answers = batch.apply(List.copyOf(keys));
    } catch (RuntimeException e) {
      SwitchboardException failure = e instanceof SwitchboardException domain ? domain
          : new SwitchboardException(ErrorCode.UNAVAILABLE, "storage is unavailable, retry", e);
      taken.forEach(p -> p.result().completeExceptionally(failure));
      return;
    }
    taken.forEach(p -> p.result().complete(answers.get(p.key())));
  }

  private void failWaiting(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    for (Pending<K, V> p; (p = waiting.poll()) != null; ) {
      p.result().completeExceptionally(cause);
    }
  }
}
