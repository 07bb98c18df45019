package io.switchboard.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.api.ApiRequest;
import io.switchboard.server.api.AttachmentApi;
import io.switchboard.server.config.TrustedProxies;
import io.switchboard.server.store.attachment.AttachmentChecks;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the body of {@code POST /v1/attachments} to a temporary file as it arrives, before the
 * HTTP aggregator (whose limit stays small for JSON) ever sees it, so a large upload never sits
 * on the heap. A body over the server's upload cap is refused with 413 as soon as its
 * {@code Content-Length}, or its bytes, say so. The complete file goes to
 * {@link AttachmentApi#upload}; the temporary file is deleted once that answers. A request
 * without any token is answered 401 without a byte written.
 *
 * <p>Not shared: one instance per connection, used only from its event loop.
 */
final class UploadReceiver extends ChannelInboundHandlerAdapter {
  static final String PATH = "/v1/attachments";
  private static final Logger LOG = LoggerFactory.getLogger(UploadReceiver.class);

  private final AttachmentApi api;
  private final TrustedProxies proxies;
  private FullHttpRequest request;
  private Path file;
  private FileChannel channel;
  private long size;
  private boolean overLimit;
  /** No token at all: the body is read and dropped, never written to disk, then 401. */
  private boolean anonymous;

  UploadReceiver(AttachmentApi api, TrustedProxies proxies) {
    this.api = api;
    this.proxies = proxies;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (request == null && msg instanceof HttpRequest head && isUpload(head)) {
      start(ctx, head);
      if (msg instanceof HttpContent content) {
        receive(ctx, content);
      }
      return;
    }
    if (request != null && msg instanceof HttpContent content) {
      receive(ctx, content);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isUpload(HttpRequest head) {
    return head.method().equals(HttpMethod.POST)
        && new QueryStringDecoder(head.uri()).path().equals(PATH);
  }

  private void start(ChannelHandlerContext ctx, HttpRequest head) throws IOException {
    // The request's head is complete: from here the idle timeout guards a slow body.
    if (ctx.pipeline().get(HandshakeDeadline.class) != null) {
      ctx.pipeline().remove(HandshakeDeadline.class);
    }
    request = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
        Unpooled.EMPTY_BUFFER, head.headers().copy(), io.netty.handler.codec.http
            .EmptyHttpHeaders.INSTANCE);
    size = 0;
    overLimit = HttpUtil.getContentLength(head, -1L) > api.maxUploadBytes();
    anonymous = WebSocketUpgrade.bearer(head.headers().get(HttpHeaderNames.AUTHORIZATION)) == null;
    if (!overLimit && !anonymous) {
      file = Files.createTempFile(api.incoming(), "upload-", ".part");
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      if (HttpUtil.is100ContinueExpected(head)) {
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
      }
    }
  }

  private void receive(ChannelHandlerContext ctx, HttpContent content) throws IOException {
    try {
      int readable = content.content().readableBytes();
      size += readable;
      if (!overLimit && size > api.maxUploadBytes()) {
        overLimit = true;
        discardFile();
      }
      if (!overLimit && !anonymous && readable > 0) {
        java.nio.ByteBuffer buffer = content.content().nioBuffer();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    } finally {
      content.release();
    }
    if (content instanceof LastHttpContent) {
      finish(ctx);
    }
  }

  private void finish(ChannelHandlerContext ctx) throws IOException {
    FullHttpRequest done = request;
    request = null;
    if (anonymous) {
      discardFile();
      HttpReplies.error(ctx, done, HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED,
          "a visitor or staff token is required: Authorization: Bearer <token>");
      return;
    }
    if (overLimit) {
      discardFile();
      HttpReplies.error(ctx, done, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          ErrorCode.FILE_TOO_LARGE, "the file is larger than this server accepts: at most "
              + AttachmentChecks.bytes(api.maxUploadBytes()) + " (" + api.maxUploadBytes()
              + " bytes)");
      return;
    }
    channel.close();
    channel = null;
    Path received = file;
    file = null;
    QueryStringDecoder uri = new QueryStringDecoder(done.uri());
    ApiRequest apiRequest = new ApiRequest(java.util.List.of(), uri.parameters(), null,
        WebSocketUpgrade.bearer(done.headers().get(HttpHeaderNames.AUTHORIZATION)),
        ClientAddress.of(ctx, done, proxies));
    HttpReplies.reply(ctx, done, api.upload(apiRequest, received, size)
        .whenComplete((answer, error) -> deleteQuietly(received))
        .thenApply(r -> new HttpReplies.Json(HttpResponseStatus.valueOf(r.status()), r.body())));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    discardFile();
    super.channelInactive(ctx);
  }

  private void discardFile() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing an upload's file failed: {}", e.toString());
      }
      channel = null;
    }
    if (file != null) {
      deleteQuietly(file);
      file = null;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("an upload's temporary file {} was not deleted: {}", path, e.toString());
    }
  }
}
