package io.switchboard.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes to the channels of one event loop from other threads (the message writer acknowledging a
 * batch, the Redis thread fanning out), gathered: the first write queued schedules one task on
 * the loop, which writes everything queued meanwhile, then flushes each channel once. A plain
 * {@code writeAndFlush} from another thread costs a task, and often a wake-up of the loop, per
 * message; at thousands of messages a second those were among the node's hottest frames. A write
 * made on the loop itself goes out at once, as before.
 *
 * <p>Order: writes queued here for one channel go out in the order they were queued, and a close
 * frame written later from another thread follows them (its task is queued behind the drain
 * task, or the running drain takes the writes queued before it).
 *
 * <p>Thread-safe: {@link #writeAndFlush} may be called from any thread; the drain runs on the
 * loop only.
 */
final class LoopWrites {
  /** The most writes one drain takes before it lets the loop do other work. */
  private static final int MAX_DRAIN = 1024;
  private static final Map<EventLoop, LoopWrites> BY_LOOP =
      Collections.synchronizedMap(new WeakHashMap<>());

  private record Pending(Channel channel, Object message) {}

  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** The channels the running drain wrote to (the loop's thread only). */
  private final Set<Channel> written = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Channel> toFlush = new ArrayList<>();

  private LoopWrites() {}

  /** The gathered writes of {@code loop}, one per loop (kept while the loop is). */
  static LoopWrites of(EventLoop loop) {
    return BY_LOOP.computeIfAbsent(loop, ignored -> new LoopWrites());
  }

  /** Writes and flushes {@code message} on {@code channel}, whose loop this is. */
  void writeAndFlush(Channel channel, Object message) {
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      channel.writeAndFlush(message, channel.voidPromise());
      return;
    }
    queue.add(new Pending(channel, message));
    if (scheduled.compareAndSet(false, true)) {
      schedule(loop);
    }
  }

  private void schedule(EventLoop loop) {
    try {
      loop.execute(() -> drain(loop));
    } catch (RejectedExecutionException e) {
      // The loop is shutting down and its channels with it: nothing will be written.
      scheduled.set(false);
      for (Pending p; (p = queue.poll()) != null; ) {
        ReferenceCountUtil.release(p.message());
      }
    }
  }

  private void drain(EventLoop loop) {
    for (int taken = 0; taken < MAX_DRAIN; taken++) {
      Pending p = queue.poll();
      if (p == null) {
        break;
      }
      p.channel().write(p.message(), p.channel().voidPromise());
      if (written.add(p.channel())) {
        toFlush.add(p.channel());
      }
    }
    for (Channel channel : toFlush) {
      channel.flush();
    }
    written.clear();
    toFlush.clear();
    scheduled.set(false);
    // A write queued after the last poll, whose writer saw the drain still scheduled.
    if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      schedule(loop);
    }
  }
}
