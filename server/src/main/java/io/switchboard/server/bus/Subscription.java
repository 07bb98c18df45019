package io.switchboard.server.bus;

/**
 * One listener's subscription to a {@link MessageBus} channel.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public interface Subscription extends AutoCloseable {
  /** The channel listened to. */
  String channel();

  /**
   * Stops calling this listener. When it was the channel's last local listener, the node stops
   * listening to the channel. Non-blocking and idempotent.
   */
  @Override
  void close();
}
