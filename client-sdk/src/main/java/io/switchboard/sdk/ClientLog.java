package io.switchboard.sdk;

/**
 * A record of what a {@link ChatClient} did with chat messages, for history checkers that prove
 * after a test run that nothing was lost, duplicated or reordered. Every method has a no-op
 * default.
 *
 * <p>Called on the client's event thread, one call at a time, in the order things happened.
 * Implementations shared between clients must be thread-safe.
 */
public interface ClientLog {
  /** A log that records nothing. */
  ClientLog NONE = new ClientLog() {};

  /** A message was written to a connection for the first time (retries are not reported again). */
  default void sent(String conversationId, String clientMsgId) {}

  /** The server stored a message of this client under {@code seq}; reported once per message. */
  default void acked(String conversationId, String clientMsgId, long seq) {}

  /** A message was delivered to the listener: in order, and once per seq unless reloaded. */
  default void received(String conversationId, long seq, String clientMsgId) {}
}
