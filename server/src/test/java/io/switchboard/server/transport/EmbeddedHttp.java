package io.switchboard.server.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.delivery.SessionRegistry;
import java.util.Map;

/**
 * The node's HTTP side without a socket or a store: a request goes through the real dispatcher
 * and router on an embedded channel, and the response comes back as an object.
 *
 * <p>Not thread-safe: one per test.
 */
final class EmbeddedHttp {
  private final TransportContext context = new TransportContext(ConfigLoader.load(Map.of()),
      new ProtocolCodec(), null, new SessionRegistry(), null, null, null, null, null, null, null,
      null, null);

  /** Sends one request with the given header names and values, in pairs; returns the answer. */
  FullHttpResponse request(HttpMethod method, String uri, String... headers) {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpDispatcher(new HttpRouter(context)));
    DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    for (int i = 0; i < headers.length; i += 2) {
      request.headers().set(headers[i], headers[i + 1]);
    }
    channel.writeInbound(request);
    return channel.readOutbound();
  }
}
