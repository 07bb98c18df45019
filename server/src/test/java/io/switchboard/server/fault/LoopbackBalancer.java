package io.switchboard.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer on 127.0.0.1 for fault tests, standing where nginx would: each accepted
 * connection goes to the next backend port that accepts a connection (round robin, skipping dead
 * ones). It can also play the network's part in a fault: {@link #dropAll()} resets every
 * connection at once (a reconnect storm), {@link #blackhole(boolean)} stops moving bytes while
 * keeping connections open (packets dropped, no reset), and {@link #stop()} refuses new ones.
 * Byte pumps run on virtual threads.
 *
 * <p>Thread-safe.
 */
final class LoopbackBalancer implements AutoCloseable {
  private final List<Integer> backends = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final Object gate = new Object();
  private volatile boolean blackholed;
  private volatile ServerSocket listener;
  private volatile int port;

  LoopbackBalancer(List<Integer> backendPorts) {
    backends.addAll(backendPorts);
  }

  /** Starts listening, on the same port as before after a {@link #stop()}. */
  synchronized LoopbackBalancer start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    port = socket.getLocalPort();
    listener = socket;
    Thread.ofVirtual().name("balancer-accept-" + port).start(() -> accept(socket));
    return this;
  }

  int port() {
    return port;
  }

  void setBackends(List<Integer> ports) {
    backends.clear();
    backends.addAll(ports);
  }

  /** Closes every open connection at once, like a network reset; keeps accepting new ones. */
  void dropAll() {
    open.forEach(LoopbackBalancer::closeQuietly);
    open.clear();
  }

  /** While on, no byte moves in either direction, and nothing is closed. */
  void blackhole(boolean on) {
    blackholed = on;
    if (!on) {
      synchronized (gate) {
        gate.notifyAll();
      }
    }
  }

  int openConnections() {
    return open.size() / 2;
  }

  /** Stops accepting and resets every connection, like a server that went away. */
  synchronized void stop() {
    closeQuietly(listener);
    dropAll();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread.ofVirtual().start(() -> connect(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void connect(Socket client) {
    for (int attempt = 0; attempt < backends.size(); attempt++) {
      int backend = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), backend);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
        return;
      } catch (IOException deadBackend) {
        // try the next one
      }
    }
    closeQuietly(client);
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitNotBlackholed();
        out.write(buffer, 0, read);
      }
    } catch (IOException | InterruptedException gone) {
      // either side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private void awaitNotBlackholed() throws InterruptedException {
    synchronized (gate) {
      while (blackholed) {
        gate.wait(1000);
      }
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    stop();
  }
}
