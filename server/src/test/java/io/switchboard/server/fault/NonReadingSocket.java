package io.switchboard.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain TCP socket with a tiny receive buffer that completes the
 * handshake, sends text frames, and then never reads, until the test drains it to see whether
 * the server hung up.
 *
 * <p>Not thread-safe.
 */
final class NonReadingSocket implements AutoCloseable {
  private final Socket socket = new Socket();

  NonReadingSocket(int port, String token) throws IOException {
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET /v1/ws?token=" + token + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: switchboard.v1.json\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    String status = readHeaders(socket.getInputStream());
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + status);
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + headers);
      }
      headers.append((char) b);
    }
    return headers.toString();
  }

  /** Sends one masked text frame, as a client must. */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 65535) {
      throw new IllegalArgumentException("frame too large for this helper");
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    OutputStream out = socket.getOutputStream();
    out.write(0x81);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else {
      out.write(0x80 | 126);
      out.write(payload.length >>> 8);
      out.write(payload.length & 0xff);
    }
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    out.write(payload);
    out.flush();
  }

  /**
   * Reads everything the server left in the connection; returns the bytes read before the server
   * closed it, or -1 when it is still open after {@code quietMillis} without data.
   */
  long drain(int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        total += read;
      }
      return total;
    } catch (SocketTimeoutException stillOpen) {
      return -1;
    } catch (IOException reset) {
      return total;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
