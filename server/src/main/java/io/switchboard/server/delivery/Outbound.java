package io.switchboard.server.delivery;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ServerMessage;

/**
 * The sending half of one client connection, as delivery sees it: the transport implements it on
 * its WebSocket channel, so nothing below the transport touches the network library.
 *
 * <p>Implementations are thread-safe: any thread may send; writes keep their order.
 */
public interface Outbound {
  /** Whether the connection is still open. */
  boolean isActive();

  /** Writes a message; silently dropped when the connection is gone (the client resumes). */
  void send(ServerMessage message);

  /** Writes an already encoded message (fan-out encodes once for every receiver). */
  void sendText(String json);

  /** Closes with a close frame carrying the code; the client reconnects if the code says so. */
  void close(DisconnectCode code, String reason);
}
