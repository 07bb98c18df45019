package io.switchboard.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP receiver of webhook deliveries on 127.0.0.1 (the JDK's {@link HttpServer}) that
 * answers what its {@link Behaviour} says: a status, or hanging until released or for a while.
 * It records every request it saw with its headers, body and the answer it gave.
 *
 * <p>Thread-safe: requests are served on a pool; the record is a concurrent list.
 */
final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request and the status it was answered with (0 when it hung). */
  record Request(String eventId, String eventType, String signature, String attempt,
      String body, int answered) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What to answer a request: a status, or {@link #HANG} to wait {@code hangMillis} first. */
  interface Behaviour extends Function<Request, Integer> {}

  static final int HANG = -1;

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger hanging = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Behaviour behaviour = request -> 200;
  private volatile long hangMillis = 60_000;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "receiver");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/hook", this::serve);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void answer(Behaviour next) {
    behaviour = next;
  }

  void hangFor(long millis) {
    hangMillis = millis;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests answered with a 2xx. */
  List<Request> accepted() {
    return requests.stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  int hanging() {
    return hanging.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    var headers = exchange.getRequestHeaders();
    Request seen = new Request(headers.getFirst("Switchboard-Event-Id"),
        headers.getFirst("Switchboard-Event-Type"), headers.getFirst("Switchboard-Signature"),
        headers.getFirst("Switchboard-Delivery-Attempt"), body, 0);
    int status = behaviour.apply(seen);
    boolean hung = status == HANG;
    if (hung) {
      hanging.incrementAndGet();
      try {
        released.await(hangMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        hanging.decrementAndGet();
      }
      status = 200;
    }
    try {
      exchange.sendResponseHeaders(status, -1);
      // A hung request's sender gave up long before: it counts as unanswered.
      requests.add(new Request(seen.eventId(), seen.eventType(), seen.signature(),
          seen.attempt(), body, hung ? 0 : status));
    } catch (IOException e) {
      requests.add(new Request(seen.eventId(), seen.eventType(), seen.signature(),
          seen.attempt(), body, 0));
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
