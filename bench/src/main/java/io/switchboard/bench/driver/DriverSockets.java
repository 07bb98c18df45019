package io.switchboard.bench.driver;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The driver's socket layer, the same one a node picks by default: Netty's epoll transport where
 * its native library loads, else NIO. The bare echo server uses it too, so that the floor it
 * measures is the floor of the node's own transport.
 *
 * <p>Stateless and thread-safe.
 */
final class DriverSockets {
  private static final boolean EPOLL = Epoll.isAvailable();

  private DriverSockets() {}

  static IoHandlerFactory ioHandlers() {
    return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  static Class<? extends SocketChannel> client() {
    return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  static Class<? extends ServerChannel> server() {
    return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }
}
