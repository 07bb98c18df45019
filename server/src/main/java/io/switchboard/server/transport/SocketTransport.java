package io.switchboard.server.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket layer under the chat port: Netty's epoll transport on Linux, where its native
 * library loads, or Java's NIO everywhere else. Epoll makes fewer system calls per read and
 * write, and a task handed to an event loop from another thread (a reply written after a store
 * call) wakes it through an eventfd instead of the NIO selector's wake-up. The benchmark's
 * profiles named that wake-up among the hottest methods on every workload.
 *
 * <p>{@code SWITCHBOARD_SOCKET_TRANSPORT} chooses: {@code auto} (the default) as above,
 * {@code epoll} (refuses to start without it) or {@code nio}.
 *
 * <p>Immutable and thread-safe.
 */
public enum SocketTransport {
  EPOLL, NIO;

  private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);

  /** The transport for a setting of {@code auto}, {@code epoll} or {@code nio}; logs the choice. */
  public static SocketTransport choose(String setting) {
    SocketTransport chosen = resolve(setting == null ? "auto" : setting.toLowerCase(Locale.ROOT));
    LOG.info("the chat port's sockets use {}", chosen.wire());
    return chosen;
  }

  private static SocketTransport resolve(String wanted) {
    return switch (wanted) {
      case "nio" -> NIO;
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException("SWITCHBOARD_SOCKET_TRANSPORT=epoll, but epoll is not "
              + "available here: " + Epoll.unavailabilityCause());
        }
        yield EPOLL;
      }
      case "auto" -> {
        if (Epoll.isAvailable()) {
          yield EPOLL;
        }
        LOG.info("epoll is not available ({}); the chat port uses NIO",
            String.valueOf(Epoll.unavailabilityCause()));
        yield NIO;
      }
      default -> throw new IllegalArgumentException(
          "socket transport " + wanted + " is not auto, epoll or nio");
    };
  }

  /** Makes the I/O handlers of the event loops. */
  public IoHandlerFactory ioHandlers() {
    return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /** The listening socket's channel type. */
  public Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The name used in logs and on {@code /metrics}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
