package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The keepalive's fast path reads and writes exactly what Jackson does: random ids and instants
 * (whole seconds, milliseconds, micro- and nanoseconds, before 1970 and far ahead), and every
 * text it does not take (other spacing, other fields, escapes, a wrong type) still decodes or
 * fails as Jackson says.
 */
class KeepaliveTest {
  private static final String ID_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";

  private final ProtocolCodec codec = new ProtocolCodec();

  @Test
  void pingsAndPongsAreWhatJacksonMakesOfThem() throws Exception {
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int n = 1 + random.nextInt(64); n > 0; n--) {
        id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
      }
      String ping = "{\"type\":\"ping\",\"id\":\"" + id + "\"}";
      assertThat(Keepalive.ping(ping)).isNotNull();
      assertThat(codec.decodeClient(ping)).isEqualTo(new ClientMessage.Ping(id.toString()));
      Instant at = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 200_000_000_000L),
          List.of(0, 1_000_000 * random.nextInt(1000), 1000 * random.nextInt(1_000_000),
              random.nextInt(1_000_000_000)).get(random.nextInt(4)));
      ServerMessage.Pong pong = new ServerMessage.Pong(id.toString(), at);
      String fast = codec.encode(pong);
      assertThat(Keepalive.pong(pong)).isEqualTo(fast);
      // Character for character what Jackson writes.
      assertThat(fast).isEqualTo(jackson(pong));
      assertThat(codec.decodeServer(fast)).isEqualTo(pong.serverTime().getNano() % 1_000_000 == 0
          ? pong : codec.decodeServer(jackson(pong)));
    }
  }

  @Test
  void otherFormsGoThroughJackson() throws Exception {
    for (String text : List.of("{ \"type\":\"ping\",\"id\":\"a\"}",
        "{\"id\":\"a\",\"type\":\"ping\"}", "{\"type\":\"ping\",\"id\":\"a\\u0062\"}",
        "{\"type\":\"ping\",\"id\":\"a b\"}", "{\"type\":\"ping\",\"id\":\"\"}",
        "{\"type\":\"ping\",\"id\":\"a\",\"x\":1}", "{\"type\":\"ping\",\"id\":\"a\"} ",
        "{\"type\":\"pong\",\"id\":\"a\"}")) {
      assertThat(Keepalive.ping(text)).as(text).isNull();
    }
    assertThat(codec.decodeClient("{\"id\":\"a\",\"type\":\"ping\"}"))
        .isEqualTo(new ClientMessage.Ping("a"));
    assertThat(codec.decodeClient("{\"type\":\"ping\",\"id\":\"a\\u0062\"}"))
        .isEqualTo(new ClientMessage.Ping("ab"));
    assertThat(Keepalive.ping("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}")).isNull();
    assertThat(Keepalive.pong(new ServerMessage.Pong("a\"b", Instant.EPOCH))).isNull();
    assertThat(codec.encode(new ServerMessage.Pong("a\"b", Instant.EPOCH)))
        .isEqualTo(jackson(new ServerMessage.Pong("a\"b", Instant.EPOCH)));
  }

  /** What the codec's Jackson writes for a message (through a server message it cannot fast-path). */
  private String jackson(ServerMessage.Pong pong) throws Exception {
    java.lang.reflect.Method write = ProtocolCodec.class.getDeclaredMethod("write", Object.class);
    write.setAccessible(true);
    return (String) write.invoke(codec, pong);
  }
}
