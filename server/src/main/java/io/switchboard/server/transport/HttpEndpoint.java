package io.switchboard.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * One job of the HTTP side: answers the requests its {@link HttpRouter} route sends it. An
 * endpoint that answers later (off the event loop) retains the request and releases it after
 * writing, as {@link HttpReplies#reply} does.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every connection.
 */
@FunctionalInterface
interface HttpEndpoint {
  void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri);
}
