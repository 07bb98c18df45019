package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec(new ProtocolCodec()));

  @Test
  void textFrameBecomesCommand() {
    channel.writeInbound(new TextWebSocketFrame("{\"type\":\"ping\",\"id\":\"1\"}"));
    assertThat((Object) channel.readInbound()).isEqualTo(new ClientMessage.Ping("1"));
  }

  @Test
  void malformedJsonBecomesUndecodableAndChannelStaysOpen() {
    channel.writeInbound(new TextWebSocketFrame("{not json"));
    FrameCodec.Undecodable undecodable = channel.readInbound();
    assertThat(undecodable.problem().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void unknownTypeAndMissingFieldAreNamed() {
    channel.writeInbound(new TextWebSocketFrame("{\"type\":\"teleport\",\"id\":\"4\"}"));
    FrameCodec.Undecodable unknown = channel.readInbound();
    assertThat(unknown.problem().code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    assertThat(unknown.problem().commandId()).isEqualTo("4");
    channel.writeInbound(new TextWebSocketFrame("{\"type\":\"accept\",\"id\":\"5\"}"));
    FrameCodec.Undecodable missing = channel.readInbound();
    assertThat(missing.problem().getMessage()).contains("conversationId: required");
  }

  @Test
  void binaryFrameClosesWith1003() {
    channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1003);
    close.release();
  }

  @Test
  void serverMessageIsEncodedAsText() {
    channel.writeOutbound(new ServerMessage.Ok("9"));
    TextWebSocketFrame frame = channel.readOutbound();
    assertThat(frame.text()).isEqualTo("{\"type\":\"ok\",\"id\":\"9\"}");
    frame.release();
  }
}
