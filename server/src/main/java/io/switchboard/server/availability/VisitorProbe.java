package io.switchboard.server.availability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.site.Site;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One probe, done the way a visitor does it, through the node's public address: a visitor token
 * for the probe site ({@code POST /v1/visitors}), a WebSocket connection, a conversation started
 * in the probe queue, a message sent and acknowledged, the conversation read back from seq 0
 * ({@code resume}) with that message in it, and the conversation closed. Each step waits at most
 * {@code stepTimeout}; the first step that fails names the failure.
 *
 * <p>Thread-safe: each {@link #run} uses its own connection; the HTTP client is shared.
 */
public final class VisitorProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<URI> address;
  private final Duration stepTimeout;
  private final HttpClient http;

  /** @param address the node's public base address ({@code http://host:port}), read per probe */
  public VisitorProbe(Supplier<URI> address, Duration stepTimeout) {
    this(address, stepTimeout, HttpClient.newBuilder().connectTimeout(stepTimeout).build());
  }

  private VisitorProbe(Supplier<URI> address, Duration stepTimeout, HttpClient http) {
    this.address = address;
    this.stepTimeout = stepTimeout;
    this.http = http;
  }

  /**
   * A probe of the node's own TLS port ({@code https://host:port}) that trusts the certificates
   * in the node's certificate file (see {@link OwnCertificateTrust}).
   */
  public static VisitorProbe ofOwnTlsPort(Supplier<URI> address, Duration stepTimeout,
      java.nio.file.Path certificateFile) {
    return new VisitorProbe(address, stepTimeout, HttpClient.newBuilder()
        .connectTimeout(stepTimeout).sslContext(OwnCertificateTrust.context(certificateFile))
        .build());
  }

  /** Probes once; never throws. */
  public ProbeOutcome run() {
    long startedNanos = System.nanoTime();
    String step = "address";
    ProbeConnection connection = null;
    try {
      URI base = address.get();
      step = "visitor token";
      String token = visitorToken(base);
      step = "connect";
      connection = ProbeConnection.open(http, webSocket(base, token), stepTimeout);
      step = "welcome";
      connection.next(ServerMessage.Welcome.class, null);
      step = "start";
      ServerMessage.Started started = connection.request(new ClientMessage.Start(id(),
          Site.PROBE_SITE_ID, Map.of(), null), ServerMessage.Started.class);
      String conversationId = started.conversationId();
      step = "send";
      String clientMsgId = UUID.randomUUID().toString();
      String text = "availability probe " + clientMsgId;
      ServerMessage.Ack ack = connection.request(
          new ClientMessage.Send(id(), conversationId, clientMsgId, text), ServerMessage.Ack.class);
      step = "read back";
      if (!connection.readBack(conversationId, ack.seq(), clientMsgId, text)) {
        return ProbeOutcome.failed(elapsed(startedNanos),
            "read back: message " + ack.seq() + " missing from the conversation's history");
      }
      step = "close";
      connection.request(new ClientMessage.Close(id(), conversationId, "probe"),
          ServerMessage.Ok.class);
      return ProbeOutcome.success(elapsed(startedNanos));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return ProbeOutcome.failed(elapsed(startedNanos), step + ": " + describe(e));
    } finally {
      if (connection != null) {
        connection.close();
      }
    }
  }

  /** Stops the HTTP client's threads; no probe runs after this. */
  @Override
  public void close() {
    http.shutdownNow();
  }

  private String visitorToken(URI base) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("siteKey", Site.PROBE_SITE_ID));
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(base.resolve("/v1/visitors"))
            .timeout(stepTimeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (reply.statusCode() != 200 && reply.statusCode() != 201) {
      throw new IOException("HTTP " + reply.statusCode() + " " + shortened(reply.body()));
    }
    JsonNode token = JSON.readTree(reply.body()).get("visitorToken");
    if (token == null || !token.isTextual()) {
      throw new IOException("no visitorToken in the reply");
    }
    return token.asText();
  }

  private static URI webSocket(URI base, String token) {
    String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + base.getRawAuthority() + "/v1/ws?token="
        + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static String id() {
    return UUID.randomUUID().toString().substring(0, 12);
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  static String describe(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
      return "no answer within the timeout";
    }
    String message = cause.getMessage();
    if (message == null && cause.getCause() != null) {
      message = cause.getCause().toString();
    }
    return cause.getClass().getSimpleName() + (message == null ? "" : " " + shortened(message));
  }

  private static String shortened(String text) {
    String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 200) : flat;
  }
}
