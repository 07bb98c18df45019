package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {
  private final ProtocolCodec codec = new ProtocolCodec();

  @Test
  void decodesSendAndIgnoresUnknownFields() throws Exception {
    ClientMessage message = codec.decodeClient(
        "{\"type\":\"send\",\"id\":\"7\",\"conversationId\":\"c1\",\"clientMsgId\":\"m1\","
            + "\"text\":\"hi\",\"futureField\":true}");
    assertThat(message).isEqualTo(new ClientMessage.Send("7", "c1", "m1", "hi"));
  }

  @Test
  void startLanguageIsALanguageTagWrittenInItsUsualCase() throws Exception {
    ClientMessage message = codec.decodeClient(
        "{\"type\":\"start\",\"id\":\"1\",\"language\":\"ZH-hant-tw\"}");
    assertThat(((ClientMessage.Start) message).language()).isEqualTo("zh-Hant-TW");
    assertThat(LanguageTag.primary("zh-Hant-TW")).isEqualTo("zh");
    for (String bad : new String[] {"e", "english!", "zh_CN", "en-", "toolongprimary", ""}) {
      assertThatThrownBy(() -> codec.decodeClient(
          "{\"type\":\"start\",\"id\":\"1\",\"language\":\"" + bad + "\"}"))
          .as(bad).isInstanceOf(ProtocolException.class).hasMessageContaining("language")
          .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }
  }

  @Test
  void malformedJsonIsBadRequest() {
    assertThatThrownBy(() -> codec.decodeClient("{\"type\":"))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void onlyAnObjectIsAMessageAndNoFieldMayComeTwice() throws Exception {
    for (String notAnObject : new String[] {"null", " [\"ping\", {\"id\": \"1\"}]", "\"ping\"",
        "7", ""}) {
      assertThatThrownBy(() -> codec.decodeClient(notAnObject)).as(notAnObject)
          .isInstanceOf(ProtocolException.class)
          .satisfies(e -> assertThat(((ProtocolException) e).code())
              .isEqualTo(ErrorCode.BAD_REQUEST));
    }
    assertThatThrownBy(() -> codec.decodeClient(
        "{\"type\":\"ping\",\"id\":\"1\",\"type\":\"typing\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Duplicate field 'type'")
        .satisfies(e -> assertThat(((ProtocolException) e).code())
            .isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(codec.decodeClient(" \n{\"id\":\"1\",\"type\":\"ping\"}"))
        .as("white space first, type after id").isEqualTo(new ClientMessage.Ping("1"));
  }

  @Test
  void unknownTypeIsNamedAndIdEchoed() {
    assertThatThrownBy(() -> codec.decodeClient("{\"type\":\"dance\",\"id\":\"9\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("dance")
        .satisfies(e -> {
          assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
          assertThat(((ProtocolException) e).commandId()).isEqualTo("9");
        });
  }

  @Test
  void missingFieldIsNamed() {
    assertThatThrownBy(() -> codec.decodeClient(
        "{\"type\":\"send\",\"id\":\"1\",\"conversationId\":\"c\",\"text\":\"x\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("clientMsgId: required")
        .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD));
  }

  @Test
  void wrongTypedFieldIsNamed() {
    assertThatThrownBy(() -> codec.decodeClient(
        "{\"type\":\"resume\",\"id\":\"1\",\"conversationId\":\"c\",\"lastSeq\":\"ten\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("lastSeq")
        .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD));
  }

  @Test
  void timestampsHaveMilliseconds() throws Exception {
    ServerMessage ack = new ServerMessage.Ack("1", "c", "m", 3, Instant.parse("2026-11-22T09:30:00Z"));
    String json = codec.encode(ack);
    assertThat(json).contains("\"at\":\"2026-11-22T09:30:00.000Z\"").contains("\"type\":\"ack\"");
    assertThat(codec.decodeServer(json)).isEqualTo(ack);
  }
}
