package io.switchboard.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder on 127.0.0.1 between a node and Redis that can hold back Redis's replies. Armed
 * with a byte pattern (a script's SHA-1), it lets the next request that contains it through to
 * Redis, which runs it, and then keeps every reply on that connection for a while: longer than
 * the node's command timeout, so the node gives the request up and throws its reply away when it
 * finally arrives. The stream stays intact (nothing is dropped), as after a real slow network.
 *
 * <p>Thread-safe: each connection is pumped by its own threads; arming is a volatile hand-over.
 */
public final class ReplyHoldingProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile byte[] pattern;
  private volatile long holdMillis;
  private volatile CountDownLatch triggered = new CountDownLatch(1);

  private ReplyHoldingProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofPlatform().daemon(true).name("reply-proxy-accept").start(this::accept);
  }

  /** Starts forwarding to {@code host:port}. */
  public static ReplyHoldingProxy start(String host, int port) throws IOException {
    return new ReplyHoldingProxy(host, port);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * The next request containing {@code text} reaches Redis, and the replies on its connection are
   * held for {@code hold} from then on.
   */
  public void holdRepliesAfter(String text, Duration hold) {
    holdMillis = hold.toMillis();
    triggered = new CountDownLatch(1);
    pattern = text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Waits until an armed request went through; false when none did within {@code timeout}. */
  public boolean awaitTriggered(Duration timeout) throws InterruptedException {
    return triggered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(server);
        Connection connection = new Connection();
        Thread.ofPlatform().daemon(true).name("reply-proxy-up")
            .start(() -> pump(client, server, connection, true));
        Thread.ofPlatform().daemon(true).name("reply-proxy-down")
            .start(() -> pump(server, client, connection, false));
      } catch (IOException e) {
        // closed, or Redis refused: the client sees its connection end
      }
    }
  }

  /** One forwarded connection: until when its replies are held (epoch ms). */
  private static final class Connection {
    volatile long heldUntil;
  }

  private void pump(Socket from, Socket to, Connection connection, boolean requests) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (requests) {
          byte[] armed = pattern;
          if (armed != null && contains(buffer, read, armed)) {
            pattern = null;
            connection.heldUntil = System.currentTimeMillis() + holdMillis;
            triggered.countDown();
          }
        } else {
          long wait = connection.heldUntil - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static boolean contains(byte[] data, int length, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    closeQuietly(listener);
    sockets.forEach(ReplyHoldingProxy::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
