package io.switchboard.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.server.config.ServerConfig;
import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline. Every connection starts as HTTP: the REST endpoints, static
 * pages and {@code /healthz} answer directly; a request for {@code /v1/ws} is authenticated by
 * {@link HttpDispatcher}, which then installs the WebSocket handlers (see
 * {@link WebSocketPipeline}). The sizes and timeouts come from {@link ServerConfig}; the
 * HTTP parser's own limits are the constants below.
 *
 * <p>Thread-safe: Netty calls {@code initChannel} from many event loops; this class only reads its
 * final fields.
 */
public final class ChatChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Largest HTTP request body accepted by the REST endpoints. */
  public static final int MAX_HTTP_BODY = 64 * 1024;
  /** Longest HTTP request line ({@code HttpServerCodec}). */
  public static final int MAX_INITIAL_LINE = 4096;
  /** Largest HTTP header block ({@code HttpServerCodec}). */
  public static final int MAX_HEADER_BYTES = 8192;
  /** Largest chunk the HTTP decoder hands on at once ({@code HttpServerCodec}). */
  public static final int MAX_CHUNK_BYTES = 8192;

  private final TransportContext context;
  private final HttpRouter router;

  /** Every HTTP endpoint the router answers, as {@link HttpRouter#endpoints}. */
  java.util.List<String> endpoints() {
    return router.endpoints();
  }

  public ChatChannelInitializer(TransportContext context) {
    this.context = context;
    this.router = new HttpRouter(context);
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ServerConfig config = context.config();
    pipeline.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
    // Reader idle: nothing at all received (pongs count, and so does each part of an upload).
    // Pings go out on a timer of their own (ServerPings), whatever else is written.
    pipeline.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0,
        TimeUnit.MILLISECONDS));
    // Downloads of attachments are written as a stream of chunks.
    pipeline.addLast("chunked", new ChunkedWriteHandler());
    if (context.attachments() != null) {
      // Uploads stream to a file before the aggregator, whose limit stays small for JSON.
      pipeline.addLast("upload", new UploadReceiver(context.attachments(),
          config.security().rates().trustedProxies()));
    }
    pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_BODY));
    pipeline.addLast("deadline", new HandshakeDeadline(config.handshakeTimeout()));
    pipeline.addLast("api", new HttpDispatcher(router));
  }
}
