package io.switchboard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bus envelope's one codec: what one node encodes, every other decodes the same. */
class BusEnvelopeTest {
  @Test
  void everyKindSurvivesTheRoundTrip() {
    String json = "{\"type\":\"message\",\"text\":\"a|b\\nc\"}";
    for (BusEnvelope envelope : new BusEnvelope[] {
        new BusEnvelope("node-1", BusEnvelope.Kind.MESSAGE, null, 42, json),
        new BusEnvelope("node.2_b", BusEnvelope.Kind.EVENT, "visitor", 0, "{}"),
        new BusEnvelope("n", BusEnvelope.Kind.EVENT, "staff", 0, "{\"a\":1}"),
        new BusEnvelope("n", BusEnvelope.Kind.USER, null, 0, "{\"type\":\"assigned\"}")}) {
      assertThat(BusEnvelope.decode(envelope.encode())).isEqualTo(envelope);
    }
  }

  @Test
  void aMessageCarriesItsSeqOutsideTheJson() {
    String encoded = new BusEnvelope("node-1", BusEnvelope.Kind.MESSAGE, null, 7, "{}").encode();
    assertThat(encoded).isEqualTo("node-1|MESSAGE||7\n{}");
  }

  @Test
  void whatIsNotAnEnvelopeIsRefused() {
    assertThatThrownBy(() -> BusEnvelope.decode("node-1\n{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusEnvelope.decode("{\"type\":\"message\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusEnvelope.decode("n|NOISE||0\n{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BusEnvelope.decode("n|EVENT|everyone|0\n{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BusEnvelope("a|b", BusEnvelope.Kind.EVENT, null, 0, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
