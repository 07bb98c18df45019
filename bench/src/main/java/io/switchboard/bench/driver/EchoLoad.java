package io.switchboard.bench.driver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference point for latencies: a raw WebSocket echo server (Netty, one thread, no JSON, no
 * storage) and the driver sending to it at the same rate. Its round trip is what the machine,
 * the kernel's loopback and the driver cost by themselves; W3 reports Switchboard's p99 as a
 * multiple of it.
 *
 * <p>Thread-safe as a {@link ChatLoad}.
 */
public final class EchoLoad implements ChatLoad, WsClient.Listener {
  private final WsClient client;
  private final EventLoopGroup serverGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<WsConnection> connections = new ArrayList<>();
  private Channel server;
  private volatile MessageRun run;

  public EchoLoad(WsClient client) {
    this.client = client;
  }

  @Override
  public Map<String, Object> prepare(int pairs, int agents) throws Exception {
    server = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler("/echo"), new Echo());
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    int port = ((InetSocketAddress) server.localAddress()).getPort();
    URI uri = URI.create("ws://127.0.0.1:" + port + "/echo");
    for (int i = 0; i < pairs; i++) {
      connections.add(client.connect(uri, null, null, this).join());
    }
    return Map.of("connections", pairs);
  }

  @Override
  public Map<String, Object> run(double rate, double seconds) throws InterruptedException {
    MessageRun step = new MessageRun(true);
    run = step;
    return step.execute(rate, seconds, 5, (index, intended) ->
        connections.get((int) (index % connections.size())).send(MessageRun.text(intended)));
  }

  @Override
  public void onText(WsConnection connection, String text) {
    MessageRun r = run;
    long stamp = MessageRun.stampOfText(text);
    if (r != null && stamp > 0) {
      r.acked(stamp);
      r.delivered(stamp);
    }
  }

  @Override
  public void close() {
    connections.forEach(WsConnection::drop);
    if (server != null) {
      server.close();
    }
    serverGroup.shutdownGracefully();
  }

  private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ctx.writeAndFlush(frame.retain());
    }
  }
}
