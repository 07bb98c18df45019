package io.switchboard.server.transport;

import static io.switchboard.server.transport.BadFramesWire.BINARY;
import static io.switchboard.server.transport.BadFramesWire.CONTINUATION;
import static io.switchboard.server.transport.BadFramesWire.FIN;
import static io.switchboard.server.transport.BadFramesWire.PING;
import static io.switchboard.server.transport.BadFramesWire.RSV1;
import static io.switchboard.server.transport.BadFramesWire.RSV2;
import static io.switchboard.server.transport.BadFramesWire.RSV3;
import static io.switchboard.server.transport.BadFramesWire.TEXT;
import static io.switchboard.server.transport.BadFramesWire.frame;
import static io.switchboard.server.transport.BadFramesWire.header;
import static io.switchboard.server.transport.BadFramesWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * B1-B6 against the server's own WebSocket pipeline in an {@link io.netty.channel.embedded.EmbeddedChannel}
 * (see {@link BadFramesChannel}): which close code each kind of bad frame gets, that the size
 * limit is enforced on the length in the frame header, and that bad JSON never becomes a command.
 */
class BadFramesPipelineTest {
  private static final int LIMIT = 65536;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void b1FrameOverTheLimitIsRefusedFromItsHeaderWithoutBuffering() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      // A header that claims 2 GiB, followed by only 100 bytes: if the decoder waited for the
      // payload, nothing would happen yet. It closes with 1009 at once.
      ws.write(header(FIN | TEXT, 1L << 31, true)).write(new byte[100]);
      assertThat(ws.closeCode()).isEqualTo(1009);
      assertThat(ws.channel.isOpen()).isFalse();
      assertThat(ws.messages).isEmpty();
      assertThat(ws.largestAllocation()).isLessThan(LIMIT);
    }
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      ws.write(header(FIN | TEXT, LIMIT + 1, true));
      assertThat(ws.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void b1FrameAtTheLimitPasses() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      String padding = "x".repeat(LIMIT - "{\"type\":\"ping\",\"id\":\"1\",\"pad\":\"\"}".length());
      ws.write(text("{\"type\":\"ping\",\"id\":\"1\",\"pad\":\"" + padding + "\"}"));
      assertThat(ws.closeCode()).isNull();
      assertThat(ws.messages).singleElement().isInstanceOf(ClientMessage.Ping.class);
    }
  }

  @Test
  void b2FragmentsThatAddUpPastTheLimitAreRefused() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      byte[] part = new byte[40_000];
      Arrays.fill(part, (byte) 'x');
      ws.write(frame(TEXT, part)).write(frame(CONTINUATION, part));
      assertThat(ws.closeCode()).isEqualTo(1009);
      assertThat(ws.messages).isEmpty();
      // What follows is discarded, not buffered.
      ws.write(frame(CONTINUATION, part)).write(frame(FIN | CONTINUATION, part));
      assertThat(ws.messages).isEmpty();
      assertThat(ws.largestAllocation()).isLessThan(2 * LIMIT);
    }
  }

  @Test
  void b3CompressionIsNotNegotiatedEvenWhenTheClientAsks() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT,
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
      assertThat(ws.handshakeResponse).startsWith("HTTP/1.1 101")
          .doesNotContainIgnoringCase("sec-websocket-extensions");
      // A "compressed" frame (RSV1) is then a protocol violation, never inflated.
      ws.write(frame(FIN | RSV1 | TEXT, new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9}));
      assertThat(ws.closeCode()).isEqualTo(1002);
      assertThat(ws.messages).isEmpty();
    }
  }

  @Test
  void b4InvalidUtf8IsClosedWith1007() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      ws.write(frame(FIN | TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}));
      assertThat(ws.closeCode()).isEqualTo(1007);
    }
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      // A three-byte sequence split across fragments and then broken.
      ws.write(frame(TEXT, new byte[] {'"', (byte) 0xE2, (byte) 0x82}))
          .write(frame(FIN | CONTINUATION, new byte[] {0x28, '"'}));
      assertThat(ws.closeCode()).isEqualTo(1007);
      assertThat(ws.messages).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unmasked", "rsv1", "rsv2", "rsv3", "reserved data opcode",
      "reserved control opcode", "ping over 125 bytes", "fragmented ping",
      "new data frame inside a fragmented message", "continuation without a start"})
  void b5ProtocolViolationsAreClosedWith1002(String violation) {
    byte[] hello = utf8("{\"type\":\"ping\",\"id\":\"1\"}");
    List<byte[]> frames = switch (violation) {
      case "unmasked" -> List.of(frame(FIN | TEXT, hello, false));
      case "rsv1" -> List.of(frame(FIN | RSV1 | TEXT, hello));
      case "rsv2" -> List.of(frame(FIN | RSV2 | TEXT, hello));
      case "rsv3" -> List.of(frame(FIN | RSV3 | TEXT, hello));
      case "reserved data opcode" -> List.of(frame(FIN | 0x3, hello));
      case "reserved control opcode" -> List.of(frame(FIN | 0xB, new byte[0]));
      case "ping over 125 bytes" -> List.of(frame(FIN | PING, new byte[126]));
      case "fragmented ping" -> List.of(frame(PING, new byte[4]));
      case "new data frame inside a fragmented message" ->
          List.of(frame(TEXT, utf8("{\"type\":")), frame(FIN | TEXT, hello));
      case "continuation without a start" -> List.of(frame(FIN | CONTINUATION, hello));
      default -> throw new IllegalArgumentException(violation);
    };
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      frames.forEach(ws::write);
      assertThat(ws.closeCode()).isEqualTo(1002);
      assertThat(ws.channel.isOpen()).isFalse();
      assertThat(ws.messages).isEmpty();
    }
  }

  @Test
  void b5BinaryIsClosedWith1003() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      ws.write(frame(FIN | BINARY, new byte[] {1, 2, 3}));
      assertThat(ws.closeCode()).isEqualTo(1003);
      assertThat(ws.messages).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"type\":\"send\",",
      "{\"type\":\"send\",\"id\":\"1\",\"conversationId\":\"c\",\"clientMsgId\":\"m\",\"text\":\"hi",
      "[1,2,3]",
      "\"just a string\"",
      "{\"type\":7,\"id\":\"1\"}",
      "{\"type\":\"resume\",\"id\":\"1\",\"conversationId\":\"c\",\"lastSeq\":\"4\"}",
      "{\"type\":\"resume\",\"id\":\"1\",\"conversationId\":\"c\",\"lastSeq\":4.5}",
      "{\"type\":\"typing\",\"id\":\"1\",\"conversationId\":\"c\",\"active\":\"yes\"}",
      "{\"type\":\"send\",\"id\":\"1\",\"conversationId\":{\"a\":1},\"clientMsgId\":\"m\",\"text\":\"hi\"}",
      "{\"type\":\"send\",\"id\":\"1\",\"conversationId\":\"c\",\"clientMsgId\":\"m\",\"text\":[\"hi\"]}",
      "{\"type\":{\"name\":\"send\"},\"id\":\"1\"}",
      "{\"type\":\"start\",\"id\":\"1\",\"fields\":\"name\"}",
  })
  void b6BadJsonBecomesAnErrorAndNeverACommand(String json) {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      ws.write(text(json));
      assertThat(ws.closeCode()).isNull();
      assertThat(ws.messages).singleElement().isInstanceOfSatisfying(FrameCodec.Undecodable.class,
          bad -> assertThat(bad.problem().code()).isIn(ErrorCode.BAD_REQUEST,
              ErrorCode.INVALID_FIELD, ErrorCode.UNKNOWN_TYPE));
    }
  }

  @Test
  void b6TenThousandLevelsOfNestingStopAtTheNestingLimit() {
    for (String json : List.of("[".repeat(10_000) + "]".repeat(10_000),
        "{\"type\":\"ping\",\"id\":\"1\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
        "{\"type\":\"ping\",\"id\":\"1\",\"x\":" + "{\"a\":".repeat(10_000) + "1"
            + "}".repeat(10_000) + "}")) {
      try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
        ws.write(text(json));
        assertThat(ws.closeCode()).isNull();
        assertThat(ws.messages).singleElement().isInstanceOfSatisfying(
            FrameCodec.Undecodable.class, bad -> {
              assertThat(bad.problem().code()).isEqualTo(ErrorCode.BAD_REQUEST);
              assertThat(bad.problem().getMessage()).contains("nesting depth");
            });
      }
    }
  }

  @Test
  void b6UnknownFieldsAreIgnored() {
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      ws.write(text("{\"type\":\"ping\",\"id\":\"1\",\"extra\":{\"deep\":[1,2]},\"more\":null}"));
      assertThat(ws.messages).singleElement().isEqualTo(new ClientMessage.Ping("1"));
    }
  }
}
