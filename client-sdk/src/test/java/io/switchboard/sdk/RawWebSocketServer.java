package io.switchboard.sdk;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Just enough of an RFC 6455 server, on plain JDK sockets, to test {@link WebSocketTransport}:
 * the test thread accepts one connection at a time, answers the handshake (or refuses it), and
 * exchanges text and close frames. Server frames are unmasked; client frames are unmasked on read.
 *
 * <p>Not thread-safe: driven by one test thread.
 */
final class RawWebSocketServer implements AutoCloseable {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket serverSocket;

  RawWebSocketServer() throws IOException {
    serverSocket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    serverSocket.setSoTimeout(5_000);
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + serverSocket.getLocalPort() + "/v1/ws");
  }

  /** Waits for the next connection and reads its upgrade request. */
  Peer accept() throws IOException {
    Socket socket = serverSocket.accept();
    socket.setSoTimeout(5_000);
    return new Peer(socket);
  }

  /** True when no client connects within {@code millis}. */
  boolean quietFor(int millis) throws IOException {
    serverSocket.setSoTimeout(millis);
    try (Socket unexpected = serverSocket.accept()) {
      return unexpected == null;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      serverSocket.setSoTimeout(5_000);
    }
  }

  @Override
  public void close() throws IOException {
    serverSocket.close();
  }

  /** One client connection. */
  static final class Peer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final String requestLine;
    final Map<String, String> headers = new HashMap<>();

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
      this.requestLine = readLine(in);
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
      }
    }

    /** Completes the upgrade, selecting {@code subprotocol}. */
    void upgrade(String subprotocol) throws IOException {
      String accept = acceptKey(headers.get("sec-websocket-key"));
      write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: " + subprotocol
          + "\r\n\r\n");
    }

    /** Refuses the upgrade with a plain HTTP status. */
    void refuse(int status, String reasonPhrase) throws IOException {
      write("HTTP/1.1 " + status + " " + reasonPhrase + "\r\nContent-Length: 0\r\n"
          + "Connection: close\r\n\r\n");
      socket.close();
    }

    /** Sends a text message split into {@code parts} frames (continuation frames after the first). */
    void sendText(String text, int parts) throws IOException {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      int size = (payload.length + parts - 1) / parts;
      for (int part = 0, offset = 0; part < parts; part++, offset += size) {
        int end = part == parts - 1 ? payload.length : Math.min(payload.length, offset + size);
        int opcode = part == 0 ? 0x1 : 0x0;
        byte[] chunk = Arrays.copyOfRange(payload, Math.min(offset, end), end);
        writeFrame(part == parts - 1, opcode, chunk);
      }
    }

    /** Sends a close frame with a status code and reason. */
    void sendClose(int code, String reason) throws IOException {
      byte[] text = reason.getBytes(StandardCharsets.UTF_8);
      byte[] payload = new byte[2 + text.length];
      payload[0] = (byte) (code >> 8);
      payload[1] = (byte) code;
      System.arraycopy(text, 0, payload, 2, text.length);
      writeFrame(true, 0x8, payload);
    }

    /** Reads the next text message from the client, skipping control frames. */
    String readText() throws IOException {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] mask = new byte[4];
        if ((second & 0x80) != 0) {
          in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        int opcode = first & 0x0F;
        if (opcode == 0x1 || opcode == 0x0) {
          message.write(payload);
          if ((first & 0x80) != 0) {
            return message.toString(StandardCharsets.UTF_8);
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }

    private void writeFrame(boolean fin, int opcode, byte[] payload) throws IOException {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write((fin ? 0x80 : 0) | opcode);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length);
      }
      frame.write(payload);
      out.write(frame.toByteArray());
      out.flush();
    }

    private void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed during the handshake");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    private static String acceptKey(String key) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1")
            .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
