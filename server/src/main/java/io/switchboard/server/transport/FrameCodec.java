package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ServerMessage;
import java.util.List;

/**
 * Converts between WebSocket frames and protocol messages. A text frame becomes a
 * {@link io.switchboard.protocol.ClientMessage}, or an {@link Undecodable} that the session answers
 * with an error event (the connection stays up). A binary frame closes the connection with 1003.
 * Outbound, a {@link ServerMessage} becomes a text frame; pre-encoded text frames pass through.
 *
 * <p>Not shared: one instance per connection.
 */
final class FrameCodec extends MessageToMessageCodec<WebSocketFrame, ServerMessage> {
  /** A text frame that could not be decoded into a command. */
  record Undecodable(ProtocolException problem) {}

  private final ProtocolCodec codec;

  FrameCodec(ProtocolCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ServerMessage message, List<Object> out) {
    out.add(new TextWebSocketFrame(codec.encode(message)));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
    if (frame instanceof TextWebSocketFrame text) {
      try {
        out.add(codec.decodeClient(text.text()));
      } catch (ProtocolException e) {
        out.add(new Undecodable(e));
      }
    } else if (frame instanceof BinaryWebSocketFrame) {
      ChannelOutbound.close(ctx.channel(), DisconnectCode.UNSUPPORTED_DATA,
          "binary frames are not supported; send JSON text frames");
    }
  }
}
