package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.DisconnectCode;
import java.util.HashSet;
import java.util.Set;

/**
 * Fuzzes the server's WebSocket decoding pipeline ({@link BadFramesChannel}: the real handshake,
 * frame decoder, UTF-8 check, fragment aggregator and {@link FrameCodec}) with frames built from
 * the fuzzer's input: any FIN, RSV and opcode bits, masked or not, payloads around the limit,
 * headers that claim up to a terabyte, and raw bytes. Whatever arrives, no exception may escape the pipeline, no buffer may be
 * allocated beyond twice the frame limit, what reaches the session is only a command or an
 * undecodable-text notice, and the server sends at most one close frame, which carries one of the documented codes (1002,
 * 1003, 1007, 1009) or echoes a close frame the client sent itself.
 *
 * <p>In the normal build this runs in regression mode over the seeds in
 * {@code FuzzFrameDecoderTestInputs}; {@code scripts/fuzz.sh} fuzzes it for longer.
 *
 * <p>Not thread-safe; Jazzer calls it from one thread.
 */
class FuzzFrameDecoderTest {
  /** A small limit, so that the fuzzer reaches it often. */
  private static final int LIMIT = 1024;
  /** 1002 protocol error, 1003 binary, 1007 bad UTF-8, 1009 too big. */
  private static final Set<Integer> CLOSE_CODES = Set.of(1002, 1003, 1007, 1009);

  @FuzzTest(maxDuration = "10s")
  void frames(FuzzedDataProvider data) {
    Set<Integer> allowed = new HashSet<>(CLOSE_CODES);
    boolean raw = false;
    boolean clientClosed = false;
    try (BadFramesChannel ws = BadFramesChannel.open(LIMIT)) {
      int steps = data.consumeInt(0, 8);
      for (int i = 0; i < steps && ws.channel.isOpen(); i++) {
        switch (data.consumeInt(0, 3)) {
          case 0, 1 -> {
            int firstByte = data.consumeInt(0, 255);
            boolean masked = data.consumeProbabilityDouble() < 0.95;
            byte[] payload = data.consumeBytes(data.consumeInt(0, LIMIT + 200));
            ws.write(BadFramesWire.frame(firstByte, payload, masked));
            if ((firstByte & 0x0F) == BadFramesWire.CLOSE) {
              allowed.add(closeCode(payload)); // the server echoes a client's close
              clientClosed = true;
            }
          }
          case 2 -> {
            // Later steps' bytes become this frame's payload, so it may be a close of the
            // client's own: treat it like raw bytes.
            ws.write(BadFramesWire.header(data.consumeInt(0, 255),
                data.consumeLong(0, 1L << 40), data.consumeBoolean()));
            raw = true;
          }
          default -> {
            ws.write(data.consumeBytes(data.consumeInt(0, 64)));
            raw = true;
          }
        }
      }

      ws.channel.checkException();
      assertThat(ws.largestAllocation()).isLessThanOrEqualTo(2 * LIMIT);
      assertThat(ws.messages).allSatisfy(message -> assertThat(message)
          .isInstanceOfAny(ClientMessage.class, FrameCodec.Undecodable.class));
      Integer code = ws.closeCode();
      if (code != null) {
        // Raw bytes may hold a close frame of the client's own, which the server echoes.
        assertThat(allowed.contains(code) || raw && isValidEcho(code))
            .as("close code %s", code).isTrue();
      }
      // Every failure is a documented close, or the connection was already gone (null).
      assertThat(ws.failures).allSatisfy(failure -> {
        DisconnectCode failureCode = SessionHandler.closeCodeFor(failure);
        if (failureCode == null) {
          assertThat(ws.channel.isOpen()).isFalse();
        } else {
          assertThat(CLOSE_CODES).contains(failureCode.code());
        }
      });
      assertThat(ws.sent).as("close frames sent")
          .filteredOn(frame -> frame.opcode() == BadFramesWire.CLOSE).hasSizeLessThanOrEqualTo(1);
      if (!ws.channel.isOpen() && !clientClosed && !raw) {
        // (A client's own malformed close frame may simply end the connection.)
        assertThat(code).as("a closed connection was told why (failures: %s)", ws.failures)
            .isNotNull();
      }
    }
  }

  /** The code in a close frame's payload as the server would echo it (1005: none). */
  private static int closeCode(byte[] payload) {
    return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
  }

  /** A code a client may put in its own close frame (RFC 6455 section 7.4), or none (1005). */
  private static boolean isValidEcho(int code) {
    return code == 1005 || code >= 1000 && code <= 1003 || code >= 1007 && code <= 1011
        || code >= 3000 && code <= 4999;
  }
}
