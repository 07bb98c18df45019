package io.switchboard.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Binds the one HTTP + WebSocket port and closes it. Everything else is in the pipeline built by
 * {@link ChatChannelInitializer}. The socket options are set here, in one place: TCP_NODELAY and
 * SO_KEEPALIVE on every connection, and the write-buffer water marks.
 *
 * <p>Thread-safe: start and stop are called once each.
 */
public final class ChatServer implements AutoCloseable {
  /** Pending connections the kernel may hold before the server accepts them. */
  public static final int ACCEPT_BACKLOG = 4096;

  private final WriteBufferWaterMark waterMark;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private Channel serverChannel;
  private volatile ChatChannelInitializer initializer;

  /**
   * A server whose connections are dropped as slow consumers once their unread output passes
   * {@code writeHighWaterBytes}; they count as writable again below a quarter of it.
   */
  public ChatServer(int writeHighWaterBytes) {
    this.waterMark = new WriteBufferWaterMark(writeHighWaterBytes / 4, writeHighWaterBytes);
  }

  /** Binds and returns the port actually bound (useful with port 0). */
  public int start(String host, int port, ChatChannelInitializer initializer)
      throws InterruptedException {
    this.initializer = initializer;
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            channel.pipeline().addLast(initializer);
          }
        });
    serverChannel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The node's TLS, when it serves TLS itself. */
  public Optional<ServerTls> tls() {
    ChatChannelInitializer bound = initializer;
    return bound == null ? Optional.empty() : bound.tls();
  }

  /**
   * Every HTTP endpoint the server answers as {@code METHOD /path/{param}}, pages and static
   * files left out (empty before start); the OpenAPI description is checked against it.
   */
  public java.util.List<String> endpoints() {
    ChatChannelInitializer bound = initializer;
    return bound == null ? java.util.List.of() : bound.endpoints();
  }

  /** The open client connections (a closed one leaves by itself); for tests and diagnostics. */
  public Collection<Channel> connections() {
    return Collections.unmodifiableCollection(connections);
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
    if (initializer != null) {
      initializer.close();
    }
  }
}
