package io.switchboard.bench.driver;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One open WebSocket of the driver, with a slot for the scenario's own per-connection state.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread (Netty hands the write to the
 * connection's event loop); {@link #state} is set once before the connection is shared.
 */
public final class WsConnection {
  private final WsClient.Listener listener;
  private volatile Channel channel;
  private volatile Object state;

  WsConnection(WsClient.Listener listener) {
    this.listener = listener;
  }

  void attach(Channel channel) {
    this.channel = channel;
  }

  Channel channel() {
    return channel;
  }

  WsClient.Listener listener() {
    return listener;
  }

  public void send(String text) {
    Channel ch = channel;
    if (ch != null) {
      ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
    }
  }

  public boolean isOpen() {
    Channel ch = channel;
    return ch != null && ch.isActive();
  }

  /**
   * Sends {@code text} every {@code seconds} while the connection is open, first after a random
   * part of the period so that thousands of connections do not send at once: the keepalive a
   * real client sends (PROTOCOL.md 3.5), so that a client that only receives is not closed as
   * idle.
   */
  public void keepAlive(String text, long seconds) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    long first = java.util.concurrent.ThreadLocalRandom.current().nextLong(seconds * 1000) + 1;
    var task = ch.eventLoop().scheduleAtFixedRate(() -> {
      if (ch.isActive()) {
        ch.writeAndFlush(new TextWebSocketFrame(text), ch.voidPromise());
      }
    }, first, seconds * 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
    ch.closeFuture().addListener(f -> task.cancel(false));
  }

  /** Drops the TCP connection without a WebSocket close frame. */
  public void drop() {
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T state() {
    return (T) state;
  }

  public void state(Object value) {
    this.state = value;
  }
}
