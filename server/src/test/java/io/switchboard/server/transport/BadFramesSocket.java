package io.switchboard.server.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw TCP client on a live node that performs the WebSocket upgrade by hand and then writes
 * whatever bytes a test gives it (see {@link BadFramesWire}), for the hostile-input tests that
 * must run through a real socket.
 *
 * <p>Not thread-safe; one test thread uses it.
 */
final class BadFramesSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  /** The HTTP response to the upgrade request (status line and headers), or "" before one. */
  final String handshakeResponse;

  private BadFramesSocket(Socket socket, String handshakeResponse) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.handshakeResponse = handshakeResponse;
  }

  /** A bare TCP connection that has sent nothing. */
  static BadFramesSocket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    return new BadFramesSocket(socket, "");
  }

  /** Connects and upgrades to {@code /v1/ws} with the token; fails unless the answer is 101. */
  static BadFramesSocket upgrade(int port, String token, String... extraHeaders)
      throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    socket.getOutputStream().write(
        BadFramesWire.upgradeRequest("/v1/ws?token=" + token, extraHeaders));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the handshake: " + head);
      }
      head.write(b);
    }
    String response = head.toString(StandardCharsets.US_ASCII);
    if (!response.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("upgrade refused: " + response);
    }
    return new BadFramesSocket(socket, response);
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /**
   * Sends {@code bytes} one at a time, {@code gap} apart, and stops early when the server closes
   * the connection. Returns true when it did.
   */
  boolean sendSlowly(byte[] bytes, Duration gap) throws IOException {
    int timeout = socket.getSoTimeout();
    socket.setSoTimeout((int) gap.toMillis());
    try {
      for (byte b : bytes) {
        try {
          socket.getOutputStream().write(b);
          if (in.read() < 0) {
            return true;
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          // the server is still waiting; send the next byte
        } catch (SocketException closed) {
          return true;
        }
      }
      return false;
    } finally {
      socket.setSoTimeout(timeout);
    }
  }

  /** The next frame from the server. */
  BadFramesWire.Frame next() throws IOException {
    return BadFramesWire.read(in);
  }

  /** The next text frame whose JSON type is {@code type}, skipping other frames. */
  String next(String type) throws IOException {
    while (true) {
      BadFramesWire.Frame frame = next();
      if (frame.opcode() == BadFramesWire.CLOSE) {
        throw new IOException("closed with " + frame.closeCode() + " while waiting for " + type);
      }
      if (frame.opcode() == BadFramesWire.TEXT
          && frame.text().contains("\"type\":\"" + type + "\"")) {
        return frame.text();
      }
    }
  }

  /** Skips frames until the close frame and returns its code; fails after 30 s. */
  int closeCode() throws IOException {
    long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < giveUp) {
      BadFramesWire.Frame frame = next();
      if (frame.opcode() == BadFramesWire.CLOSE) {
        return frame.closeCode();
      }
    }
    throw new AssertionError("no close frame within 30 s");
  }

  /**
   * Reads (and drops) everything until the server closes the connection, and returns how long
   * that took. Fails if the connection is still open after 30 s.
   */
  Duration awaitServerClose() throws IOException {
    long start = System.nanoTime();
    long giveUp = start + Duration.ofSeconds(30).toNanos();
    byte[] sink = new byte[4096];
    try {
      while (in.read(sink) >= 0) {
        if (System.nanoTime() > giveUp) {
          throw new AssertionError("the server kept the connection open for 30 s");
        }
      }
    } catch (SocketException reset) {
      // a reset is a close too
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
