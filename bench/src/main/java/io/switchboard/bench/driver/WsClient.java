package io.switchboard.bench.driver;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's WebSocket client on Netty: many connections spread over several loopback source
 * addresses (127.0.0.2, 127.0.0.3, ...; each gives about 28k ephemeral ports), text frames in and
 * out, and nothing else. A connection's callbacks run on its event loop.
 *
 * <p>Thread-safe: {@link #connect} may be called from any thread.
 */
public final class WsClient implements AutoCloseable {
  /** Receives a connection's events, on its event loop. */
  public interface Listener {
    void onText(WsConnection connection, String text);

    default void onClosed(WsConnection connection) {}
  }

  private final EventLoopGroup group;
  private final int sourceAddresses;
  private final AtomicInteger nextSource = new AtomicInteger();

  public WsClient(int threads, int sourceAddresses) {
    this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    this.sourceAddresses = Math.max(1, sourceAddresses);
  }

  /**
   * Opens a WebSocket to {@code uri} offering {@code subprotocol} (may be null), with a bearer
   * token header when {@code token} is not null. Completes when the upgrade is done.
   */
  public CompletableFuture<WsConnection> connect(URI uri, String subprotocol, String token,
      Listener listener) {
    CompletableFuture<WsConnection> opened = new CompletableFuture<>();
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    if (token != null) {
      headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(uri)
        .subprotocol(subprotocol)
        .customHeaders(headers)
        .maxFramePayloadLength(65536)
        .handshakeTimeoutMillis(60_000)
        .dropPongFrames(true)
        .build();
    WsConnection connection = new WsConnection(listener);
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(65536),
                new FrameHandler(connection, opened));
          }
        });
    int source = 2 + Math.floorMod(nextSource.getAndIncrement(), sourceAddresses);
    InetSocketAddress local = new InetSocketAddress("127.0.0." + source, 0);
    InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
    bootstrap.connect(remote, local).addListener(f -> {
      if (!f.isSuccess()) {
        opened.completeExceptionally(f.cause());
      }
    });
    return opened;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  private static final class FrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final WsConnection connection;
    private final CompletableFuture<WsConnection> opened;

    FrameHandler(WsConnection connection, CompletableFuture<WsConnection> opened) {
      this.connection = connection;
      this.opened = opened;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        connection.attach(ctx.channel());
        opened.complete(connection);
      } else if (event
          == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new IllegalStateException("handshake timed out"));
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      connection.listener().onText(connection, frame.text());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      opened.completeExceptionally(new IllegalStateException("closed before the upgrade"));
      connection.listener().onClosed(connection);
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      opened.completeExceptionally(cause);
      ctx.close();
    }
  }
}
