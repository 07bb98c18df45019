package io.switchboard.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client for protocol tests: sends exactly the frames the test gives it and
 * records every text frame and the close code it gets back.
 *
 * <p>Thread-safe.
 */
public final class RawSocket implements AutoCloseable {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private RawSocket(URI uri, Map<String, String> headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols("switchboard.v1.json")
        .connectTimeout(Duration.ofSeconds(5));
    headers.forEach(builder::header);
    this.socket = builder.buildAsync(uri, new Listener()).join();
  }

  public static RawSocket connect(URI wsBase, String token) {
    return connect(wsBase, token, Map.of());
  }

  /** Connects sending {@code headers} with the handshake (such as {@code X-Forwarded-For}). */
  public static RawSocket connect(URI wsBase, String token, Map<String, String> headers) {
    return new RawSocket(URI.create(wsBase + "?token=" + token), headers);
  }

  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /** The next text frame, waiting up to 10 s (less once the server closed the socket). */
  public String next() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String text = received.poll(100, TimeUnit.MILLISECONDS);
      if (text != null) {
        return text;
      }
      if (closeCode.isDone() && received.isEmpty()) {
        throw new AssertionError("the socket was closed (" + closeCode.join() + ")");
      }
    }
    throw new AssertionError("no frame within 10 s");
  }

  /** The next text frame whose JSON type is {@code type}, skipping others. */
  public String next(String type) throws InterruptedException {
    while (true) {
      String text = next();
      if (text.contains("\"type\":\"" + type + "\"")) {
        return text;
      }
    }
  }

  /** The next frame of {@code type} that answers command {@code id}, skipping others. */
  public String reply(String type, String id) throws InterruptedException {
    while (true) {
      String text = next(type);
      if (text.contains("\"id\":\"" + id + "\"")) {
        return text;
      }
    }
  }

  /** The frame that answers command {@code id} (ok, resumed, error...), skipping others. */
  public String answer(String id) throws InterruptedException {
    while (true) {
      String text = next();
      if (text.contains("\"id\":\"" + id + "\"")) {
        return text;
      }
    }
  }

  /** The close code the server sent, waiting up to 10 s. */
  public int closeCode() throws Exception {
    return closeCode.get(10, TimeUnit.SECONDS);
  }

  /** The close code the server sent, waiting up to {@code within}; fails when it did not close. */
  public int closeCode(java.time.Duration within) throws Exception {
    return closeCode.get(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the server has closed the socket by now. */
  public boolean closed() {
    return closeCode.isDone();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.complete(1006);
    }
  }
}
