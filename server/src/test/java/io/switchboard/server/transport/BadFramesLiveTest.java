package io.switchboard.server.transport;

import static io.switchboard.server.transport.BadFramesWire.CONTINUATION;
import static io.switchboard.server.transport.BadFramesWire.FIN;
import static io.switchboard.server.transport.BadFramesWire.PING;
import static io.switchboard.server.transport.BadFramesWire.RSV1;
import static io.switchboard.server.transport.BadFramesWire.RSV2;
import static io.switchboard.server.transport.BadFramesWire.TEXT;
import static io.switchboard.server.transport.BadFramesWire.frame;
import static io.switchboard.server.transport.BadFramesWire.header;
import static io.switchboard.server.transport.BadFramesWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * B1-B6 through a live socket on a real node, with frames written by hand: the close codes a
 * client sees, the handshake that never offers compression, and bad JSON that is answered with an
 * error while the connection stays up and nothing is stored.
 */
class BadFramesLiveTest extends NodeTest {
  private static final int LIMIT = 65536;

  private BadFramesSocket visitor(String... extraHeaders) throws Exception {
    BadFramesSocket socket = BadFramesSocket.upgrade(node.port(),
        Http.visitorToken(node.http(), fixtures.siteKey), extraHeaders);
    socket.next("welcome");
    return socket;
  }

  @Test
  void b1AFrameThatClaimsAGigabyteIsClosedWith1009BeforeItsPayloadArrives() throws Exception {
    try (BadFramesSocket socket = visitor()) {
      socket.send(header(FIN | TEXT, 1L << 30, true));
      socket.send(new byte[10]);
      assertThat(socket.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void b2FragmentsPastTheLimitAreClosedWith1009() throws Exception {
    try (BadFramesSocket socket = visitor()) {
      byte[] part = new byte[LIMIT / 2 + 1000];
      Arrays.fill(part, (byte) 'x');
      socket.send(frame(TEXT, part));
      socket.send(frame(CONTINUATION, part));
      assertThat(socket.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void b3PermessageDeflateIsNotNegotiatedAndACompressedFrameIsRefused() throws Exception {
    try (BadFramesSocket socket = visitor(
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
      assertThat(socket.handshakeResponse).doesNotContainIgnoringCase("sec-websocket-extensions");
      socket.send(frame(FIN | RSV1 | TEXT, new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, 0x01}));
      assertThat(socket.closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void b4InvalidUtf8IsClosedWith1007() throws Exception {
    try (BadFramesSocket socket = visitor()) {
      socket.send(frame(FIN | TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}));
      assertThat(socket.closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void b5ProtocolViolationsAreClosedWith1002() throws Exception {
    byte[] ping = "{\"type\":\"ping\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
    byte[][][] violations = {
        {frame(FIN | TEXT, ping, false)},
        {frame(FIN | RSV2 | TEXT, ping)},
        {frame(FIN | 0x3, ping)},
        {frame(FIN | PING, new byte[126])},
        {frame(TEXT, "{\"type\":".getBytes(StandardCharsets.UTF_8)), frame(FIN | TEXT, ping)},
    };
    for (byte[][] frames : violations) {
      try (BadFramesSocket socket = visitor()) {
        for (byte[] bytes : frames) {
          socket.send(bytes);
        }
        assertThat(socket.closeCode()).isEqualTo(1002);
      }
    }
  }

  @Test
  void b6BadJsonGetsErrorsTheConnectionStaysAndNothingIsStored() throws Exception {
    try (BadFramesSocket socket = visitor()) {
      socket.send(text("{\"type\":\"start\",\"id\":\"1\"}"));
      String conversation = socket.next("started")
          .replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
      String send = "{\"type\":\"send\",\"id\":\"%s\",\"conversationId\":\"" + conversation
          + "\",\"clientMsgId\":%s,\"text\":%s}";
      String[][] bad = {
          {String.format(send, "2", "\"m1\"", "\"cut off"), "bad_request"},
          {String.format(send, "3", "\"m2\"", "[\"hi\"]"), "invalid_field"},
          {String.format(send, "4", "{\"a\":1}", "\"hi\""), "invalid_field"},
          {String.format(send, "5", "\"m3\"", "[".repeat(10_000) + "]".repeat(10_000)),
              "bad_request"},
          {"{\"type\":\"resume\",\"id\":\"6\",\"conversationId\":\"" + conversation
              + "\",\"lastSeq\":\"0\"}", "invalid_field"},
      };
      for (String[] input : bad) {
        socket.send(text(input[0]));
        assertThat(socket.next("error")).as(input[0]).contains("\"code\":\"" + input[1] + "\"");
      }
      socket.send(text("{\"type\":\"ping\",\"id\":\"7\",\"unknown\":{\"x\":[1]}}"));
      assertThat(socket.next("pong")).contains("\"id\":\"7\"");
      socket.send(text("{\"type\":\"resume\",\"id\":\"8\",\"conversationId\":\"" + conversation
          + "\",\"lastSeq\":0}"));
      assertThat(socket.next("resumed")).contains("\"lastSeq\":0");
    }
  }
}
