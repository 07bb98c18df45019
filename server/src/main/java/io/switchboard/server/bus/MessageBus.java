package io.switchboard.server.bus;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Fan-out between server nodes. A node delivers to the sessions it holds and publishes everything
 * else here. Delivery is a hint only, at most once and possibly never (for example while Redis
 * reconnects): a receiver that sees a gap in a conversation's {@code seq} fetches the missing
 * messages from PostgreSQL. Channel names come from {@link io.switchboard.server.redis.RedisKeys};
 * payloads are the delivery layer's envelopes, which the bus carries as they are.
 *
 * <p>Every method is non-blocking. A stage fails with a {@link SwitchboardException} carrying
 * {@link ErrorCode#UNAVAILABLE} when the bus cannot be reached in time.
 *
 * <p>Implementations are thread-safe.
 */
public interface MessageBus extends AutoCloseable {
  /**
   * Publishes {@code payload} to every node subscribed to {@code channel}.
   *
   * @return completes with the number of subscribed connections that received it; on a Redis
   *     Cluster only those connected to the master that took the message, so callers must not
   *     read "0" as "nobody listens"
   */
  CompletionStage<Long> publish(String channel, String payload);

  /**
   * Calls {@code listener} each time the bus's subscriptions are restored after its connection
   * was lost: anything published in between was missed. Called on an I/O thread; must not block.
   */
  void onResubscribed(Runnable listener);

  /**
   * Calls {@code listener} with every payload published to {@code channel} until the returned
   * subscription is closed. Several listeners may share a channel.
   *
   * <p>Listeners run on the bus's I/O thread, one message at a time: they must return quickly and
   * never block; hand real work to the conversation's own executor. An exception a listener throws
   * is logged and does not stop other listeners.
   *
   * @return completes once the channel is subscribed, with the handle that ends this listener
   */
  CompletionStage<Subscription> subscribe(String channel, Consumer<String> listener);

  /** Ends every subscription and releases the bus's connection. */
  @Override
  void close();
}
