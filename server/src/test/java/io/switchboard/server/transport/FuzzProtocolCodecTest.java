package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import java.util.function.Function;

/**
 * Fuzzes {@link ProtocolCodec} with arbitrary text. Decoding may only ever end in a message or in
 * the codec's one documented failure, {@link ProtocolException} (with a code); any other exception
 * fails the test. Whatever decodes must survive a round trip: decoding its encoding gives an equal
 * message, whose encoding is the same JSON (member order aside).
 *
 * <p>In the normal build this runs in regression mode over the seeds in
 * {@code FuzzProtocolCodecTestInputs}; {@code scripts/fuzz.sh} fuzzes it for longer.
 *
 * <p>Not thread-safe; Jazzer calls it from one thread.
 */
class FuzzProtocolCodecTest {
  private static final ProtocolCodec CODEC = new ProtocolCodec();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A decode step that may throw the codec's checked exception. */
  private interface Decoder<T> {
    T decode(String json) throws ProtocolException;
  }

  @FuzzTest(maxDuration = "10s")
  void clientMessages(FuzzedDataProvider data) {
    roundTrip(data.consumeRemainingAsString(), CODEC::decodeClient, CODEC::encode);
  }

  @FuzzTest(maxDuration = "10s")
  void serverMessages(FuzzedDataProvider data) {
    roundTrip(data.consumeRemainingAsString(), CODEC::decodeServer, CODEC::encode);
  }

  private static <T> void roundTrip(String json, Decoder<T> decoder, Function<T, String> encoder) {
    T decoded;
    try {
      decoded = decoder.decode(json);
    } catch (ProtocolException e) {
      assertThat(e.code()).as("error code of %s", e.getMessage()).isNotNull();
      return;
    }
    String encoded = encoder.apply(decoded);
    T again;
    try {
      again = decoder.decode(encoded);
    } catch (ProtocolException e) {
      throw new AssertionError("the codec cannot read its own encoding " + encoded, e);
    }
    assertThat(again).isEqualTo(decoded);
    assertThat(tree(encoder.apply(again))).isEqualTo(tree(encoded));
  }

  /** The JSON tree of a text, so member order (a map's, say) does not count. */
  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the codec wrote malformed JSON " + json, e);
    }
  }
}
