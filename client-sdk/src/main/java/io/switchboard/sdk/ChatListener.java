package io.switchboard.sdk;

import io.switchboard.protocol.ServerMessage;

/**
 * Receives what a {@link ChatClient} hears from the server. Every method has a no-op default, so
 * an implementation overrides only what it needs.
 *
 * <p>A client calls its listener on its own event thread, one call at a time and in arrival order.
 * Implementations need not be thread-safe for one client, but must return quickly and must never
 * block waiting for a reply of the same client, since replies are handled on that thread.
 */
public interface ChatListener {
  /** A listener that ignores everything. */
  ChatListener NONE = new ChatListener() {};

  /**
   * A server message: every chat {@code message} in order and exactly once per conversation (the
   * client's own messages included), and every other event and reply as it arrives. Duplicate and
   * out-of-order chat messages are held back and never reach this method.
   *
   * <p>After an {@code error} with code {@code resume_gap} the client reloads that conversation
   * from its start, so its messages are delivered again from seq 1.
   */
  default void onEvent(ServerMessage event) {}

  /**
   * The connection state changed. {@code reason} says why when the change was caused by a failure
   * or a close (for example a close code), and is null otherwise.
   */
  default void onStateChange(ConnectionState state, String reason) {}
}
