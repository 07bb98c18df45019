package io.switchboard.server.store.message;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link GroupCommitMessageWriter} batches.
 *
 * @param shards how many writer threads (and transactions in flight); a conversation always maps
 *     to the same one
 * @param maxBatchSize the most messages one transaction stores
 * @param queueCapacity the most requests a shard holds before appends fail fast with {@code
 *     UNAVAILABLE}
 * @param linger how long a shard waits for more requests after one arrived at an idle writer
 *     before it writes; zero writes at once, and batches form naturally from what arrives while the
 *     previous transaction runs
 * @param closeTimeout how long {@link GroupCommitMessageWriter#close()} waits for queued requests
 *     to be written
 *
 * <p>Immutable and thread-safe.
 */
public record WriterSettings(
    int shards, int maxBatchSize, int queueCapacity, Duration linger, Duration closeTimeout) {

  public WriterSettings {
    Objects.requireNonNull(linger, "linger");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (shards < 1 || maxBatchSize < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("shards, maxBatchSize and queueCapacity must be positive");
    }
    if (linger.isNegative() || linger.toMillis() > 1_000 || closeTimeout.isNegative()) {
      throw new IllegalArgumentException("linger must be 0..1000 ms, closeTimeout not negative");
    }
  }

  /** Two shards, batches of up to 512, 10,000 queued per shard, no linger, 30 s to close. */
  public static WriterSettings defaults() {
    return new WriterSettings(2, 512, 10_000, Duration.ZERO, Duration.ofSeconds(30));
  }

  public WriterSettings withShards(int count) {
    return new WriterSettings(count, maxBatchSize, queueCapacity, linger, closeTimeout);
  }

  public WriterSettings withQueueCapacity(int capacity) {
    return new WriterSettings(shards, maxBatchSize, capacity, linger, closeTimeout);
  }

  public WriterSettings withLinger(Duration wait) {
    return new WriterSettings(shards, maxBatchSize, queueCapacity, wait, closeTimeout);
  }
}
