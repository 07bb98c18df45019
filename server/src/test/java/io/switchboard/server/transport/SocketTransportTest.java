package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chat port's socket layer: {@code auto} is epoll where Netty's native library loads (on this
 * project's Linux x86-64 machines it must: the library ships in the jar), each transport really
 * carries bytes, and an unknown name is refused.
 */
class SocketTransportTest {

  @Test
  void autoIsEpollWhereItLoadsAndNioIsAlwaysThere() {
    assertThat(SocketTransport.choose("nio")).isEqualTo(SocketTransport.NIO);
    SocketTransport auto = SocketTransport.choose("auto");
    assertThat(auto).isEqualTo(Epoll.isAvailable() ? SocketTransport.EPOLL : SocketTransport.NIO);
    if (System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64")) {
      assertThat(Epoll.isAvailable()).as("epoll on Linux x86-64: %s",
          Epoll.unavailabilityCause()).isTrue();
      assertThat(SocketTransport.choose("epoll")).isEqualTo(SocketTransport.EPOLL);
    }
    assertThatThrownBy(() -> SocketTransport.choose("kqueue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kqueue");
  }

  @ParameterizedTest
  @EnumSource(SocketTransport.class)
  void eachTransportEchoesBytesOverLoopback(SocketTransport transport) throws Exception {
    if (transport == SocketTransport.EPOLL && !Epoll.isAvailable()) {
      return;
    }
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1,
        SocketTransport.NIO.ioHandlers());
    try {
      Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
              channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object message) {
                  ctx.writeAndFlush(message);
                }
              });
            }
          })
          .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      Channel client = new Bootstrap().group(clientGroup).channel(NioSocketChannel.class)
          .handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
              ByteBuf bytes = (ByteBuf) message;
              echoed.complete(bytes.toString(StandardCharsets.UTF_8));
              bytes.release();
            }
          })
          .connect(server.localAddress()).sync().channel();
      client.writeAndFlush(Unpooled.copiedBuffer("hello " + transport, StandardCharsets.UTF_8));
      assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hello " + transport);
      client.close().sync();
      server.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
