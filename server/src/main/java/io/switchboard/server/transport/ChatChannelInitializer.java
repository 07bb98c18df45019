package io.switchboard.server.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline. Every connection starts as HTTP: the REST endpoints, static
 * pages and {@code /healthz} answer directly; a request for {@code /v1/ws} is authenticated by
 * {@link HttpApiHandler}, which then installs the WebSocket handlers (see
 * {@link WebSocketPipeline}).
 *
 * <p>Thread-safe: Netty calls {@code initChannel} from many event loops; this class only reads its
 * final fields.
 */
public final class ChatChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Largest HTTP request body accepted by the REST endpoints. */
  public static final int MAX_HTTP_BODY = 64 * 1024;
  /** Interval of server pings on an otherwise quiet WebSocket. */
  public static final int PING_INTERVAL_SECONDS = 20;

  private final TransportContext context;

  public ChatChannelInitializer(TransportContext context) {
    this.context = context;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("http", new HttpServerCodec(4096, 8192, 8192));
    pipeline.addLast("aggregator", new HttpObjectAggregator(MAX_HTTP_BODY));
    pipeline.addLast("idle", new IdleStateHandler(
        context.config().idleTimeout().toSeconds(), PING_INTERVAL_SECONDS, 0, TimeUnit.SECONDS));
    pipeline.addLast("api", new HttpApiHandler(context));
  }
}
