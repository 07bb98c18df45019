package io.switchboard.sdk;

/**
 * The connection state of a {@link ChatClient}, reported through
 * {@link ChatListener#onStateChange(ConnectionState, String)}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ConnectionState {
  /** The first connection is being opened; no {@code welcome} has arrived yet. */
  CONNECTING,
  /** Connected and welcomed: commands are sent as they are issued. */
  OPEN,
  /** The connection was lost; the client waits out its backoff and connects again. */
  RECONNECTING,
  /** Not connected and not trying to: not yet connected, closed by the caller, or refused. */
  CLOSED
}
