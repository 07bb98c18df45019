package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;

/**
 * Opens connections that carry protocol messages: decoded {@link ServerMessage}s in, encoded
 * {@link ClientMessage}s out. {@link WebSocketTransport} is the JDK WebSocket implementation;
 * tests implement it in memory to drive a {@link ClientSession} without a server.
 *
 * <p>Implementations must be thread-safe.
 */
interface Transport {
  /**
   * Starts opening a connection and returns at once. Everything about that connection is then
   * reported to {@code events}, from any thread: {@link Events#opened} first, or
   * {@link Events#failed} if it never opens.
   */
  void open(Events events);

  /** What happens on one connection. Calls for one connection never overlap. */
  interface Events {
    /** The connection is open; messages may be sent on it. */
    void opened(Connection connection);

    /** A message arrived. */
    void received(ServerMessage message);

    /**
     * The connection ended: the server's close code and reason, or 1006 and a description when
     * it broke without a close frame. May still be reported after {@link Connection#close} or
     * {@link Connection#abort}; the caller ignores it then.
     */
    void closed(int statusCode, String reason);

    /**
     * The connection could not be opened. A {@link ChatException} that is not temporary (for
     * example a rejected token) means trying again cannot help.
     */
    void failed(Throwable cause);
  }

  /** One open connection. Thread-safe; sends go out one at a time in call order. */
  interface Connection {
    /** Queues a message; a failure to write it ends the connection with {@code closed(1006)}. */
    void send(ClientMessage message);

    /** Ends the connection politely with a normal close frame. */
    void close();

    /** Drops the connection at once, without a close handshake. */
    void abort();
  }
}
