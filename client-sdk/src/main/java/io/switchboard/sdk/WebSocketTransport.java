package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ProtocolException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Transport} on the JDK WebSocket client: connects to {@code ws(s)://host/v1/ws?token=...}
 * with the {@link ProtocolCodec#SUBPROTOCOL} subprotocol, reassembles text frames that arrive in
 * parts, decodes them, and writes commands one at a time. A handshake answered with 401 or 403 is
 * reported as a {@link ChatException} that is not temporary, so the client does not retry it.
 *
 * <p>Thread-safe.
 */
final class WebSocketTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(WebSocketTransport.class.getName());
  /** RFC 6455: the connection closed without a close frame. */
  static final int ABNORMAL_CLOSURE = 1006;

  private final HttpClient httpClient;
  private final URI uri;
  private final Duration connectTimeout;
  private final ProtocolCodec codec = new ProtocolCodec();

  WebSocketTransport(HttpClient httpClient, URI webSocketUri, String token,
      Duration connectTimeout) {
    this.httpClient = httpClient;
    this.uri = withToken(webSocketUri, token);
    this.connectTimeout = connectTimeout;
  }

  @Override
  public void open(Events events) {
    httpClient.newWebSocketBuilder()
        .subprotocols(ProtocolCodec.SUBPROTOCOL)
        .connectTimeout(connectTimeout)
        .buildAsync(uri, new FrameListener(events))
        .whenComplete((webSocket, error) -> {
          if (error != null) {
            events.failed(classify(error));
          }
        });
  }

  /** Appends the token as a query parameter, keeping any query the URI already has. */
  static URI withToken(URI webSocketUri, String token) {
    String base = webSocketUri.toString();
    int fragment = base.indexOf('#');
    if (fragment >= 0) {
      base = base.substring(0, fragment);
    }
    String separator = webSocketUri.getRawQuery() == null ? "?" : "&";
    return URI.create(base + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static Throwable classify(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof WebSocketHandshakeException handshake) {
      int status = handshake.getResponse().statusCode();
      ErrorCode code = switch (status) {
        case 401 -> ErrorCode.UNAUTHORIZED;
        case 403 -> ErrorCode.FORBIDDEN;
        default -> ErrorCode.UNAVAILABLE;
      };
      return new ChatException(code, "WebSocket handshake answered HTTP " + status, handshake);
    }
    return cause;
  }

  /** Receives frames for one connection; never blocks the JDK's thread. */
  private final class FrameListener implements WebSocket.Listener {
    private final Events events;
    private final StringBuilder partial = new StringBuilder();

    FrameListener(Events events) {
      this.events = events;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      events.opened(new WebSocketConnection(webSocket, events));
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        try {
          events.received(codec.decodeServer(frame));
        } catch (ProtocolException e) {
          LOG.log(System.Logger.Level.WARNING, "ignoring a server frame: " + e.getMessage());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(
        WebSocket webSocket, ByteBuffer data, boolean last) {
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      events.closed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      events.closed(ABNORMAL_CLOSURE, String.valueOf(error));
    }
  }

  /** Writes commands in call order, one {@code sendText} outstanding at a time. */
  private final class WebSocketConnection implements Connection {
    private final WebSocket webSocket;
    private final Events events;
    private CompletableFuture<?> lastWrite = CompletableFuture.completedFuture(null);

    WebSocketConnection(WebSocket webSocket, Events events) {
      this.webSocket = webSocket;
      this.events = events;
    }

    @Override
    public synchronized void send(ClientMessage message) {
      String json = codec.encode(message);
      lastWrite = lastWrite.thenCompose(ignored -> webSocket.sendText(json, true));
      lastWrite.whenComplete((ignored, error) -> {
        if (error != null) {
          webSocket.abort();
          events.closed(ABNORMAL_CLOSURE, "write failed: " + error);
        }
      });
    }

    @Override
    public synchronized void close() {
      lastWrite.handle((ignored, error) -> null)
          .thenCompose(ignored -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed"))
          .whenComplete((ignored, error) -> webSocket.abort());
    }

    @Override
    public void abort() {
      webSocket.abort();
    }
  }
}
