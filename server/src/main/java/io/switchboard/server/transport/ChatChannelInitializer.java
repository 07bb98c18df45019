package io.switchboard.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.TransitSecurity;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline. With a TLS certificate configured every connection starts
 * with TLS ({@link ServerTls}) and every response carries HSTS ({@link HstsHeaders}). Then every
 * connection speaks HTTP: the REST endpoints, static
 * pages and {@code /healthz} answer directly; a request for {@code /v1/ws} is authenticated by
 * {@link HttpDispatcher}, which then installs the WebSocket handlers (see
 * {@link WebSocketPipeline}). The sizes and timeouts come from {@link ServerConfig}; the
 * HTTP parser's own limits are the constants below.
 *
 * <p>Thread-safe: Netty calls {@code initChannel} from many event loops; this class only reads its
 * final fields.
 */
public final class ChatChannelInitializer extends ChannelInitializer<SocketChannel>
    implements AutoCloseable {
  /** Largest HTTP request body accepted by the REST endpoints. */
  public static final int MAX_HTTP_BODY = 64 * 1024;
  /** Longest HTTP request line ({@code HttpServerCodec}). */
  public static final int MAX_INITIAL_LINE = 4096;
  /** Largest HTTP header block ({@code HttpServerCodec}). */
  public static final int MAX_HEADER_BYTES = 8192;
  /** Largest chunk the HTTP decoder hands on at once ({@code HttpServerCodec}). */
  public static final int MAX_CHUNK_BYTES = 8192;
  /** Names of the HTTP stage's handlers that a WebSocket upgrade replaces or removes. */
  static final String IDLE = "idle";
  static final String CHUNKED = "chunked";
  static final String UPLOAD = "upload";

  private final TransportContext context;
  private final HttpRouter router;
  /** Counts connections and bytes; null where a test serves no metrics. */
  private final TrafficMeter traffic;
  private final ServerTls tls;
  private final HstsHeaders hsts;

  /** Every HTTP endpoint: the router's ({@link HttpRouter#endpoints}) and the upload. */
  java.util.List<String> endpoints() {
    java.util.List<String> all = new java.util.ArrayList<>(router.endpoints());
    if (context.attachments() != null) {
      all.add("POST " + UploadReceiver.PATH);
    }
    return all;
  }

  /**
   * Pipelines for the node's connections: over TLS when the settings name a certificate (loaded
   * here; an unusable one throws {@link IllegalStateException} naming the file).
   */
  public ChatChannelInitializer(TransportContext context) {
    this.context = context;
    this.router = new HttpRouter(context);
    this.traffic = context.metrics() == null ? null
        : new TrafficMeter(context.metrics().registry());
    TransitSecurity transit = context.config().security().transit();
    this.tls = transit.tlsEnabled() ? ServerTls.start(transit) : null;
    boolean overTls = transit.tlsEnabled() || transit.offloaded();
    this.hsts = overTls && !transit.hstsMaxAge().isZero()
        ? new HstsHeaders(transit.hstsMaxAge()) : null;
  }

  /** The node's TLS certificate and its reloading, when the node serves TLS itself. */
  public Optional<ServerTls> tls() {
    return Optional.ofNullable(tls);
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ServerConfig config = context.config();
    if (traffic != null) {
      pipeline.addLast("traffic", traffic);
    }
    if (tls != null) {
      // Each new connection takes the certificate current at accept; open ones keep theirs.
      pipeline.addLast("tls", tls.newHandler(channel.alloc()));
    }
    pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
    if (hsts != null) {
      pipeline.addLast("hsts", hsts);
    }
    // Reader idle: nothing at all received (each part of an upload counts). A WebSocket gets the
    // SocketHeartbeat in its place (pings and the idle timeout on one timer).
    pipeline.addLast(IDLE, new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    // Downloads of attachments are written as a stream of chunks.
    pipeline.addLast(CHUNKED, new ChunkedWriteHandler());
    if (context.attachments() != null) {
      // Uploads stream to a file before the aggregator, whose limit stays small for JSON.
      pipeline.addLast(UPLOAD, new UploadReceiver(context.attachments(),
          config.security().rates().trustedProxies()));
    }
    pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_BODY));
    pipeline.addLast("deadline", new HandshakeDeadline(config.handshakeTimeout()));
    pipeline.addLast("api", new HttpDispatcher(router));
  }

  /** Stops checking the certificate files for changes. */
  @Override
  public void close() {
    if (tls != null) {
      tls.close();
    }
  }
}
