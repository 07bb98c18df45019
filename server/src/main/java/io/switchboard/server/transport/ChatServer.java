package io.switchboard.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Binds the one HTTP + WebSocket port and closes it. Everything else is in the pipeline built by
 * {@link ChatChannelInitializer}.
 *
 * <p>Thread-safe: start and stop are called once each.
 */
public final class ChatServer implements AutoCloseable {
  /** A client whose unread output passes this many bytes is disconnected as a slow consumer. */
  public static final int WRITE_HIGH_WATER_MARK = 2 * 1024 * 1024;

  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private Channel serverChannel;

  /** Binds and returns the port actually bound (useful with port 0). */
  public int start(String host, int port, ChatChannelInitializer initializer)
      throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(WRITE_HIGH_WATER_MARK / 4, WRITE_HIGH_WATER_MARK))
        .childHandler(initializer);
    serverChannel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Stops accepting new connections; existing ones stay open until {@link #close()}. */
  public void stopAccepting() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    stopAccepting();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
