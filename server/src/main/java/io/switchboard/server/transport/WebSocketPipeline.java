package io.switchboard.server.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.session.Session;

/**
 * Installs the WebSocket handlers for an authenticated connection: the protocol handler (handshake
 * with subprotocol {@code switchboard.v1.json}, frame size limit, UTF-8 validation, close and ping
 * handling, no compression extensions), a fragment aggregator with the same limit, the
 * {@link FrameCodec} and the {@link SessionHandler}.
 *
 * <p>Stateless and thread-safe.
 */
final class WebSocketPipeline {
  private WebSocketPipeline() {}

  static void install(ChannelPipeline pipeline, TransportContext context, Principal principal) {
    int maxFrame = context.config().maxFrameBytes();
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(HttpApiHandler.WS_PATH)
        .checkStartsWith(true)
        .subprotocols(ProtocolCodec.SUBPROTOCOL)
        .handshakeTimeoutMillis(10_000)
        .handleCloseFrames(true)
        .dropPongFrames(true)
        .decoderConfig(WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxFrame)
            .allowExtensions(false)
            .allowMaskMismatch(false)
            .expectMaskedFrames(true)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(true)
            .build())
        .build();
    Session session = new Session(pipeline.channel(), principal, context.codec());
    pipeline.addLast("ws", new WebSocketServerProtocolHandler(config));
    pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrame));
    pipeline.addLast("frames", new FrameCodec(context.codec()));
    pipeline.addLast("session", new SessionHandler(session, context));
  }
}
