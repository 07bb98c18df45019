package io.switchboard.server.util;

import io.switchboard.protocol.ErrorCode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs blocking store calls (JDBC, password hashing) off the Netty event loops, on a bounded pool
 * with a bounded queue. A full queue fails fast with {@link ErrorCode#UNAVAILABLE} instead of
 * growing without limit, and any unexpected exception from a store call also becomes
 * {@code UNAVAILABLE}, so a client never mistakes a store failure for success.
 *
 * <p>Thread-safe.
 */
public final class BlockingExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingExecutor.class);
  private final ThreadPoolExecutor pool;
  private final Supplier<SwitchboardException> whenFull;

  public BlockingExecutor(String name, int threads, int queueCapacity) {
    this(name, threads, queueCapacity,
        () -> new SwitchboardException(ErrorCode.UNAVAILABLE, "server is overloaded, retry"));
  }

  /** A pool whose full queue refuses work with {@code whenFull}'s exception. */
  public BlockingExecutor(String name, int threads, int queueCapacity,
      Supplier<SwitchboardException> whenFull) {
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity),
        NamedThreads.factory(name, true));
    this.whenFull = whenFull;
  }

  public <T> CompletableFuture<T> call(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      pool.execute(() -> {
        try {
          result.complete(work.get());
        } catch (SwitchboardException e) {
          result.completeExceptionally(e);
        } catch (RuntimeException e) {
          LOG.warn("store call failed: {}", e.toString());
          result.completeExceptionally(
              new SwitchboardException(ErrorCode.UNAVAILABLE, "storage is unavailable, retry", e));
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(whenFull.get());
    }
    return result;
  }

  public CompletableFuture<Void> run(Runnable work) {
    return call(() -> {
      work.run();
      return null;
    });
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
