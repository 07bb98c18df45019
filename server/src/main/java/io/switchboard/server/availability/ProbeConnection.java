package io.switchboard.server.availability;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ServerMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The probe's WebSocket, on the JDK client: frames are decoded into a queue that the probe
 * reads step by step, waiting at most the step timeout for each answer. An {@code error} reply
 * or the connection closing fails the step with the server's words.
 *
 * <p>Not thread-safe: one probe drives it from one thread (the JDK's listener thread only fills
 * the queue).
 */
final class ProbeConnection implements AutoCloseable {
  private static final ProtocolCodec CODEC = new ProtocolCodec();
  /** Put in the queue when the server closes or the connection breaks. */
  private record Ended(String why) {}

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Duration timeout;
  private WebSocket socket;

  private ProbeConnection(Duration timeout) {
    this.timeout = timeout;
  }

  static ProbeConnection open(HttpClient http, URI uri, Duration timeout) throws Exception {
    ProbeConnection connection = new ProbeConnection(timeout);
    connection.socket = http.newWebSocketBuilder()
        .connectTimeout(timeout)
        .subprotocols(ProtocolCodec.SUBPROTOCOL)
        .buildAsync(uri, connection.new Listener())
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return connection;
  }

  /** Sends a command and waits for its reply of type {@code reply}. */
  <T extends ServerMessage> T request(ClientMessage command, Class<T> reply) throws Exception {
    socket.sendText(CODEC.encode(command), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return next(reply, command.id());
  }

  /**
   * The next message of type {@code type} (with command id {@code id} when not null), skipping
   * events; fails on an {@code error} for the command, on the end of the connection and on
   * timeout.
   */
  <T extends ServerMessage> T next(Class<T> type, String id) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Object item = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (item == null) {
        throw new TimeoutException();
      }
      if (item instanceof Ended ended) {
        throw new IOException("connection closed: " + ended.why());
      }
      if (item instanceof ServerMessage.Error error && (id == null || id.equals(error.id()))) {
        throw new IOException(error.code().wire() + " " + error.message());
      }
      if (type.isInstance(item) && (id == null || id.equals(commandId(item)))) {
        return type.cast(item);
      }
    }
  }

  /**
   * Replays the conversation from the start and says whether message {@code seq} came back with
   * this client id and text before the replay ended.
   */
  boolean readBack(String conversationId, long seq, String clientMsgId, String text)
      throws Exception {
    ClientMessage.Resume resume = new ClientMessage.Resume(
        java.util.UUID.randomUUID().toString().substring(0, 12), conversationId, 0);
    socket.sendText(CODEC.encode(resume), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    boolean found = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Object item = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (item == null) {
        throw new TimeoutException();
      }
      if (item instanceof Ended ended) {
        throw new IOException("connection closed: " + ended.why());
      }
      if (item instanceof ServerMessage.Error error && resume.id().equals(error.id())) {
        throw new IOException(error.code().wire() + " " + error.message());
      }
      if (item instanceof ServerMessage.Message message
          && message.conversationId().equals(conversationId) && message.seq() == seq
          && message.clientMsgId().equals(clientMsgId) && message.text().equals(text)) {
        found = true;
      }
      if (item instanceof ServerMessage.Resumed resumed && resume.id().equals(resumed.id())) {
        return found;
      }
    }
  }

  private static String commandId(Object reply) {
    return switch (reply) {
      case ServerMessage.Started started -> started.id();
      case ServerMessage.Ack ack -> ack.id();
      case ServerMessage.Ok ok -> ok.id();
      default -> null;
    };
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe done")
          .orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((ignored, error) -> socket.abort());
    }
  }

  /** Decodes whole text messages into the inbox. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        try {
          inbox.add(CODEC.decodeServer(frame));
        } catch (ProtocolException e) {
          inbox.add(new Ended("unreadable frame: " + e.getMessage()));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      inbox.add(new Ended(statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      inbox.add(new Ended(VisitorProbe.describe(error)));
    }
  }
}
