package io.switchboard.server.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedStream;
import io.switchboard.server.api.AttachmentApi;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.util.Futures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves an attachment's bytes behind a signed link: {@code GET /v1/attachments/{id}/content
 * ?exp=...&sig=...}. The bytes are streamed in chunks. Every answer is a download
 * ({@code Content-Disposition: attachment}) except raster images, which may show inline; anything
 * scriptable goes out as {@code application/octet-stream}; {@code nosniff} and a sandboxing CSP
 * keep a browser from running what it got. The content never changes (it is addressed by its
 * hash), so it may be cached privately until the link expires.
 *
 * <p>Thread-safe: stateless.
 */
final class AttachmentContent implements HttpEndpoint {
  static final Pattern PATH = Pattern.compile("^/v1/attachments/([^/]+)/content$");

  private final AttachmentApi api;

  AttachmentContent(AttachmentApi api) {
    this.api = api;
  }

  @Override
  public void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
    Matcher path = PATH.matcher(uri.path());
    if (!path.matches()) {
      throw new IllegalStateException("routed a path that is not an attachment's content");
    }
    String exp = first(uri, "exp");
    request.retain();
    api.download(path.group(1), exp, first(uri, "sig")).whenComplete((download, error) ->
        ctx.executor().execute(() -> {
          try {
            if (error != null) {
              HttpReplies.error(ctx, request, Futures.asSwitchboard(error));
            } else {
              send(ctx, request, download, Long.parseLong(exp));
            }
          } finally {
            request.release();
          }
        }));
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request,
      AttachmentService.Download download, long expiresEpoch) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, download.servedType());
    HttpUtil.setContentLength(response, download.attachment().size());
    headers.set(HttpHeaderNames.CONTENT_DISPOSITION,
        disposition(download.inline(), download.attachment().fileName()));
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    long maxAge = Math.max(0, expiresEpoch - Instant.now().getEpochSecond());
    headers.set(HttpHeaderNames.CACHE_CONTROL, "private, max-age=" + maxAge + ", immutable");
    headers.set(HttpHeaderNames.ETAG, "\"" + download.attachment().sha256() + "\"");
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    headers.set(HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    ctx.write(response);
    var written = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedStream(download.content())));
    written.addListener(future -> closeQuietly(download));
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** {@code attachment} or {@code inline}, with an ASCII name and the exact one (RFC 6266). */
  static String disposition(boolean inline, String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + encoded;
  }

  private static String first(QueryStringDecoder uri, String name) {
    var values = uri.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void closeQuietly(AttachmentService.Download download) {
    try {
      download.content().close();
    } catch (java.io.IOException e) {
      // Nothing left to do: the answer is written or the connection is gone.
    }
  }
}
