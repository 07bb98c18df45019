package io.switchboard.server.store.message;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.metrics.NodeMetrics;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.util.SwitchboardException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores chat messages with group commit: each shard is one platform thread that takes everything
 * queued for it (up to {@link WriterSettings#maxBatchSize()}) and writes it in one transaction
 * ({@link MessageBatchTransaction}). A request arriving at an idle shard is written at once; what
 * arrives while a transaction runs goes into the next one.
 *
 * <p>Guarantees: a future completes normally only after the transaction holding its message
 * committed (I1); a clientMsgId already stored returns the original message (I2); seqs are gapless
 * per conversation (I3). Requests for one conversation always go to the same shard, so they are
 * stored in the order {@link #append} was called. When the transaction fails, every request of the
 * batch fails with the retryable {@link ErrorCode#UNAVAILABLE}, and so does everything then queued
 * on that shard, so callers learn quickly that PostgreSQL is gone; the thread carries on.
 *
 * <p>Thread-safe. {@link #append} never blocks, so event-loop threads may call it. Futures are
 * completed on the writer thread: dependent actions should be short or use an {@code *Async}
 * method.
 */
public final class GroupCommitMessageWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitMessageWriter.class);
  /**
   * How long an idle shard waits before it looks whether the writer closed. Only a backstop:
   * {@link #close} wakes every shard with {@link #WAKE_UP}. A short poll here woke two threads 50
   * times a second on an idle node (half a percent of a core).
   */
  private static final long IDLE_POLL_MILLIS = 1_000;

  private record Pending(AppendRequest request, CompletableFuture<AppendResult> future) {}

  /** Queued by {@link #close} to wake a waiting shard; never written nor answered. */
  private static final Pending WAKE_UP = new Pending(null, null);

  private final DataSource dataSource;
  private final WriterSettings settings;
  private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong batchesFailed = new AtomicLong();
  private final AtomicLong messagesWritten = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  /** New messages from visitors and agents (not the system's own notices). */
  private final AtomicLong messagesIn = new AtomicLong();
  private final DistributionSummary batchSizes;
  private final Timer commits;
  private volatile boolean closed;

  /** A writer with {@link WriterSettings#defaults()}. */
  public GroupCommitMessageWriter(DataSource dataSource) {
    this(dataSource, WriterSettings.defaults());
  }

  public GroupCommitMessageWriter(DataSource dataSource, WriterSettings settings) {
    this(dataSource, settings, NodeMetrics.unrecorded());
  }

  /**
   * A writer that records in {@code metrics} the size of every batch, how long its transaction
   * took, the messages stored (chat messages in), retries, failed batches and the queue length.
   */
  public GroupCommitMessageWriter(DataSource dataSource, WriterSettings settings,
      MeterRegistry metrics) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.batchSizes = DistributionSummary.builder("switchboard.message.batch.size")
        .description("messages per group-commit transaction").baseUnit("messages")
        .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 512).register(metrics);
    this.commits = Timer.builder("switchboard.message.commit")
        .description("time of one group-commit transaction, from taking a connection to commit")
        .serviceLevelObjectives(java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(5),
            java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(25),
            java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(100),
            java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(1000))
        .register(metrics);
    FunctionCounter.builder("switchboard.messages.in", messagesIn, AtomicLong::get)
        .description("chat messages from visitors and agents, stored (retries not counted)")
        .register(metrics);
    FunctionCounter.builder("switchboard.messages.duplicates", duplicates, AtomicLong::get)
        .description("sends answered with a message stored before (client retries)")
        .register(metrics);
    FunctionCounter.builder("switchboard.message.batches.failed", batchesFailed, AtomicLong::get)
        .description("group-commit transactions that failed (each message retryable)")
        .register(metrics);
    Gauge.builder("switchboard.message.writer.queued", this, GroupCommitMessageWriter::queued)
        .description("messages waiting for a group-commit transaction").register(metrics);
    for (int shard = 0; shard < settings.shards(); shard++) {
      BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(settings.queueCapacity());
      queues.add(queue);
      Thread thread = Thread.ofPlatform()
          .name("message-writer-" + shard)
          .daemon(true)
          .unstarted(() -> runShard(queue));
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /**
   * Queues a message for storing. The future completes with the committed message, or
   * exceptionally with a {@link SwitchboardException}: {@code NOT_FOUND}, {@code
   * CONVERSATION_CLOSED}, {@code FORBIDDEN} (an agent who is not the assignee) or {@code CONFLICT}
   * (the clientMsgId belongs to another sender) for this request alone; {@code UNAVAILABLE} when
   * nothing was stored and the same request may be retried (the writer is full or closed, or the
   * transaction failed). Never blocks.
   */
  public CompletableFuture<AppendResult> append(AppendRequest request) {
    Objects.requireNonNull(request, "request");
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    if (closed) {
      return failed(future, "message writer is closed");
    }
    BlockingQueue<Pending> queue = queues.get(shardOf(request));
    Pending pending = new Pending(request, future);
    if (!queue.offer(pending)) {
      return failed(future, "message writer is overloaded");
    }
    // close() may have run after the check above; then nobody is sure to take this request.
    if (closed && queue.remove(pending)) {
      return failed(future, "message writer is closed");
    }
    return future;
  }

  private int shardOf(AppendRequest request) {
    return Math.floorMod(request.conversationId().hashCode(), queues.size());
  }

  private static CompletableFuture<AppendResult> failed(
      CompletableFuture<AppendResult> future, String why) {
    future.completeExceptionally(new SwitchboardException(ErrorCode.UNAVAILABLE, why));
    return future;
  }

  private void runShard(BlockingQueue<Pending> queue) {
    List<Pending> batch = new ArrayList<>(settings.maxBatchSize());
    while (true) {
      Pending first;
      try {
        first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null; // close() does not interrupt; carry on until the queue is drained
      }
      if (first == null || first == WAKE_UP) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      batch.add(first);
      collect(queue, batch);
      batch.removeIf(p -> p == WAKE_UP);
      try {
        write(batch, queue);
      } catch (Throwable unexpected) {
        LOG.error("message writer failed unexpectedly", unexpected);
        failAll(batch, unexpected);
      }
      batch.clear();
    }
  }

  private void collect(BlockingQueue<Pending> queue, List<Pending> batch) {
    int max = settings.maxBatchSize();
    queue.drainTo(batch, max - batch.size());
    long deadline = System.nanoTime() + settings.linger().toNanos();
    while (batch.size() < max && System.nanoTime() < deadline) {
      try {
        Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next != null) {
          batch.add(next);
          queue.drainTo(batch, max - batch.size());
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void write(List<Pending> batch, BlockingQueue<Pending> queue) {
    List<Object> outcomes;
    long started = System.nanoTime();
    try {
      outcomes = transact(batch.stream().map(Pending::request).toList());
      commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      batchSizes.record(batch.size());
    } catch (SQLException | RuntimeException e) {
      batchesFailed.incrementAndGet();
      LOG.warn("message batch of {} not stored: {}", batch.size(), e.toString());
      failAll(batch, e);
      List<Pending> waiting = new ArrayList<>();
      queue.drainTo(waiting);
      failAll(waiting, e);
      return;
    }
    batchesCommitted.incrementAndGet();
    for (int i = 0; i < batch.size(); i++) {
      CompletableFuture<AppendResult> future = batch.get(i).future();
      if (outcomes.get(i) instanceof AppendResult result) {
        (result.duplicate() ? duplicates : messagesWritten).incrementAndGet();
        if (!result.duplicate() && !"system".equals(batch.get(i).request().senderRole())) {
          messagesIn.incrementAndGet();
        }
        future.complete(result);
      } else {
        future.completeExceptionally((SwitchboardException) outcomes.get(i));
      }
    }
  }

  /**
   * Runs the batch transaction. When the pooled connection turns out to be dead (PostgreSQL
   * restarted, a network cut), the pool's idle connections are evicted and the batch is tried once
   * more on a fresh one; that is safe because a batch that did commit is found again by its
   * clientMsgIds. Failing to get a connection at all is not retried.
   */
  private List<Object> transact(List<AppendRequest> requests) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        try {
          connection.setAutoCommit(false);
          return new MessageBatchTransaction(requests).execute(connection);
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection, e);
          if (attempt == 1 && connectionLost(e)) {
            LOG.info("database connection lost ({}); retrying the batch once", e.toString());
            evictIdleConnections();
            continue;
          }
          throw e;
        }
      }
    }
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }

  private static boolean connectionLost(Exception failure) {
    String state = StoreFailures.sqlState(failure);
    return state != null && state.startsWith("08");
  }

  private void evictIdleConnections() {
    if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
      hikari.getHikariPoolMXBean().softEvictConnections();
    }
  }

  private static void failAll(List<Pending> pending, Throwable cause) {
    for (Pending p : pending) {
      if (p == WAKE_UP) {
        continue;
      }
      p.future().completeExceptionally(new SwitchboardException(
          ErrorCode.UNAVAILABLE, "message not stored, retry", cause));
    }
  }

  /** Transactions committed so far. */
  public long batchesCommitted() {
    return batchesCommitted.get();
  }

  /** Transactions that failed, each failing its whole batch with {@code UNAVAILABLE}. */
  public long batchesFailed() {
    return batchesFailed.get();
  }

  /** New messages stored so far (retries of stored ones not counted). */
  public long messagesWritten() {
    return messagesWritten.get();
  }

  /** Appends answered with a message stored before (retries). */
  public long duplicates() {
    return duplicates.get();
  }

  /** Requests waiting in the shard queues now. */
  public int queued() {
    return queues.stream().mapToInt(BlockingQueue::size).sum();
  }

  /** Whether any shard's thread still runs (false once {@link #close} returned in time). */
  boolean running() {
    return threads.stream().anyMatch(Thread::isAlive);
  }

  /**
   * Stops accepting requests, writes what is queued (waiting up to {@link
   * WriterSettings#closeTimeout()}) and stops the threads. Requests still queued after that fail
   * with {@code UNAVAILABLE}.
   */
  @Override
  public void close() {
    closed = true;
    // A shard waiting for work wakes up and sees the flag; a full queue's shard is busy and sees
    // it once it has drained its queue (at most IDLE_POLL_MILLIS later).
    queues.forEach(queue -> queue.offer(WAKE_UP));
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<Pending> left = new ArrayList<>();
    queues.forEach(queue -> queue.drainTo(left));
    failAll(left, new IllegalStateException("message writer closed"));
  }
}
