package io.switchboard.server.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames written byte by byte (RFC 6455 section 5.2), so that tests can send what no
 * well-behaved client library would: unmasked frames, RSV bits, reserved opcodes, oversized
 * control frames, lengths that lie. Also reads the frames the server sends back.
 *
 * <p>Stateless and thread-safe.
 */
final class BadFramesWire {
  static final int FIN = 0x80;
  static final int RSV1 = 0x40;
  static final int RSV2 = 0x20;
  static final int RSV3 = 0x10;
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

  private BadFramesWire() {}

  /** A frame whose first byte is {@code firstByte} (FIN, RSV bits, opcode) with this payload. */
  static byte[] frame(int firstByte, byte[] payload, boolean masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(firstByte, payload.length, masked));
    for (int i = 0; i < payload.length; i++) {
      out.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
    }
    return out.toByteArray();
  }

  /** A masked frame. */
  static byte[] frame(int firstByte, byte[] payload) {
    return frame(firstByte, payload, true);
  }

  /** A complete, masked text frame. */
  static byte[] text(String text) {
    return frame(FIN | TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Only the header of a frame that claims {@code length} payload bytes (mask key included). */
  static byte[] header(int firstByte, long length, boolean masked) {
    ByteBuffer header = ByteBuffer.allocate(14);
    header.put((byte) firstByte);
    int maskBit = masked ? 0x80 : 0;
    if (length < 126) {
      header.put((byte) (maskBit | length));
    } else if (length <= 0xFFFF) {
      header.put((byte) (maskBit | 126)).putShort((short) length);
    } else {
      header.put((byte) (maskBit | 127)).putLong(length);
    }
    if (masked) {
      header.put(MASK);
    }
    byte[] bytes = new byte[header.position()];
    header.flip().get(bytes);
    return bytes;
  }

  /** A client's upgrade request for {@code target}, with any extra header lines. */
  static byte[] upgradeRequest(String target, String... extraHeaders) {
    StringBuilder request = new StringBuilder()
        .append("GET ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n")
        .append("Upgrade: websocket\r\n")
        .append("Connection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
        .append("Sec-WebSocket-Version: 13\r\n")
        .append("Sec-WebSocket-Protocol: switchboard.v1.json\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A frame as the server sent it (server frames are never masked). */
  record Frame(int opcode, boolean fin, byte[] payload) {
    /** The status code of a close frame, or 1005 when it carries none. */
    int closeCode() {
      if (opcode != CLOSE) {
        throw new IllegalStateException("not a close frame: opcode " + opcode);
      }
      return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** Reads one server frame; {@link java.io.EOFException} when the stream ends first. */
  static Frame read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    if ((second & 0x80) != 0) {
      throw new IOException("the server sent a masked frame");
    }
    if (length > 16 * 1024 * 1024) {
      throw new IOException("the server sent a frame of " + length + " bytes");
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0F, (first & FIN) != 0, payload);
  }
}
