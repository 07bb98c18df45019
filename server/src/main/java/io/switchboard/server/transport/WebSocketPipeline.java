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
 * {@link FrameCodec} and the {@link SessionHandler}; the {@link SocketHeartbeat} takes the place of
 * the HTTP stage's idle handler, and the HTTP stage's download and upload handlers go, since a
 * WebSocket needs neither (every handler left on 19,000 idle connections costs memory).
 *
 * <p>Stateless and thread-safe.
 */
final class WebSocketPipeline {
  private WebSocketPipeline() {}

  static void install(ChannelPipeline pipeline, TransportContext context, Principal principal,
      String clientAddress) {
    Session session =
        new Session(new ChannelOutbound(pipeline.channel()), principal, clientAddress);
    ServerConfig config = context.config();
    pipeline.replace(ChatChannelInitializer.IDLE, "heartbeat",
        new SocketHeartbeat(config.pingInterval(), config.idleTimeout()));
    pipeline.remove(ChatChannelInitializer.CHUNKED);
    if (pipeline.get(ChatChannelInitializer.UPLOAD) != null) {
      pipeline.remove(ChatChannelInitializer.UPLOAD);
    }
    installFraming(pipeline, config, context.codec());
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
    pipeline.addLast("ws", new WebSocketServerProtocolHandler(sharedProtocolConfig(config)));
    pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxFrameBytes()));
    pipeline.addLast("frames", new FrameCodec(codec));
  }

  /** The last settings built, with the configuration they were built from. */
  private record Built(ServerConfig config, WebSocketServerProtocolConfig settings) {}

  private static volatile Built built;

  /**
   * The settings for {@code config}, built once and shared by every connection (they are
   * immutable) rather than one copy per connection.
   */
  static WebSocketServerProtocolConfig sharedProtocolConfig(ServerConfig config) {
    Built last = built;
    if (last == null || last.config() != config) {
      last = new Built(config, protocolConfig(config));
      built = last;
    }
    return last.settings();
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
