package io.switchboard.server.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.access.Principal;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.delivery.Session;

/**
 * Installs the WebSocket handlers for an authenticated connection: the protocol handler (handshake
 * with subprotocol {@code switchboard.v1.json}, frame size limit, UTF-8 validation, close and ping
 * handling, no compression extensions), a fragment aggregator with the same limit, the
 * {@link FrameCodec}, the {@link ServerPings} and the {@link SessionHandler}.
 *
 * <p>Stateless and thread-safe.
 */
final class WebSocketPipeline {
  private WebSocketPipeline() {}

  static void install(ChannelPipeline pipeline, TransportContext context, Principal principal,
      String clientAddress) {
    Session session =
        new Session(new ChannelOutbound(pipeline.channel()), principal, clientAddress);
    installFraming(pipeline, context.config(), context.codec());
    pipeline.addLast("pings", new ServerPings(context.config().pingInterval()));
    pipeline.addLast("session", new SessionHandler(session, context));
  }

  /**
   * Adds everything between the raw connection and the session: the protocol handler, which
   * completes the handshake on the upgrade request that follows and then puts the frame decoder
   * in place of the HTTP codec, the fragment aggregator and the {@link FrameCodec}. What comes out
   * is a {@link io.switchboard.protocol.ClientMessage} or a {@link FrameCodec.Undecodable}; what
   * goes wrong is an exception for {@link SessionHandler#closeCodeFor}.
   */
  static void installFraming(ChannelPipeline pipeline, ServerConfig config, ProtocolCodec codec) {
    pipeline.addLast("ws", new WebSocketServerProtocolHandler(protocolConfig(config)));
    pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    pipeline.addLast("frames", new FrameCodec(codec));
  }

  /** The handshake and frame-decoding settings, all taken from {@code config} or fixed here. */
  static WebSocketServerProtocolConfig protocolConfig(ServerConfig config) {
    return WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(HttpRouter.WS_PATH)
        .checkStartsWith(true)
        .subprotocols(ProtocolCodec.SUBPROTOCOL)
        .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
        .handleCloseFrames(true)
        // Netty's default adds a close frame of its own ("1000 Bye") whenever the channel is
        // closed after another handler already sent the real close code, so a client got two
        // close frames. Every close in this server writes its own close frame.
        .sendCloseFrame(null)
        .dropPongFrames(true)
        .decoderConfig(WebSocketDecoderConfig.newBuilder()
            // Checked against the length in each frame's header, before any payload is buffered.
            .maxFramePayloadLength(config.maxFrameBytes())
            // No extensions: RSV bits must be 0, and permessage-deflate is never negotiated.
            .allowExtensions(false)
            .allowMaskMismatch(false)
            .expectMaskedFrames(true)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(true)
            .build())
        .build();
  }
}
