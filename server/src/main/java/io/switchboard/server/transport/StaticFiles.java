package io.switchboard.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web apps from the classpath: the agent console under {@code /console}, the
 * widget, its loader and the demo host page under {@code /widget} and {@code /demo}, and the
 * console's chart library from its WebJar under {@code /webjars/echarts/}. Files are read once
 * and kept in memory.
 *
 * <p>Thread-safe.
 */
final class StaticFiles {
  static final StaticFiles INSTANCE = new StaticFiles();

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "json", "application/json; charset=utf-8",
      "mp3", "audio/mpeg",
      "wav", "audio/wav");

  /** The WebJar files the console loads; their paths carry the version, so they never change. */
  private static final String WEBJARS = "/webjars/echarts/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  boolean serves(String path) {
    return path.equals("/") || path.equals("/console") || path.startsWith("/console/")
        || path.equals("/widget.js") || path.startsWith("/widget/") || path.startsWith(WEBJARS);
  }

  /**
   * The console's own headers: nobody may frame it (clickjacking), and its Content-Security-Policy
   * comes as a header too, where a page cannot drop it.
   */
  static final Map<String, String> CONSOLE_HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
          + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'none'; frame-ancestors 'none'",
      "X-Frame-Options", "DENY");

  void write(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
    boolean console = path.equals("/") || path.equals("/console") || path.startsWith("/console/");
    write(ctx, request, path, console ? CONSOLE_HEADERS : Map.of());
  }

  /** Writes a file with extra response headers (for example a Content-Security-Policy). */
  void write(ChannelHandlerContext ctx, FullHttpRequest request, String path,
      Map<String, String> headers) {
    String resource = resourceFor(path);
    Optional<byte[]> bytes = resource == null ? Optional.empty()
        : cache.computeIfAbsent(resource, StaticFiles::load);
    if (bytes.isEmpty()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          "no page at " + path);
      return;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes.get()));
    String extension = resource.substring(resource.lastIndexOf('.') + 1);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE,
        TYPES.getOrDefault(extension, "application/octet-stream"));
    response.headers().set(HttpHeaderNames.CACHE_CONTROL,
        path.startsWith(WEBJARS) ? IMMUTABLE : "no-cache");
    headers.forEach((name, value) -> response.headers().set(name, value));
    HttpReplies.send(ctx, request, response);
  }

  /** Writes an HTML resource with each placeholder replaced by its (HTML-escaped) value. */
  void writeTemplate(ChannelHandlerContext ctx, FullHttpRequest request, String resource,
      Map<String, String> values) {
    Optional<byte[]> bytes = cache.computeIfAbsent(resource, StaticFiles::load);
    if (bytes.isEmpty()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          "missing page " + resource);
      return;
    }
    String html = new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      html = html.replace(entry.getKey(), escape(entry.getValue()));
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.OK, Unpooled.wrappedBuffer(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.get("html"));
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    HttpReplies.send(ctx, request, response);
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }

  /** Maps a URL path to a classpath resource, refusing anything that tries to climb out. */
  static String resourceFor(String path) {
    if (path.contains("..") || path.contains("\\") || path.contains("//")) {
      return null;
    }
    if (path.equals("/") || path.equals("/console") || path.equals("/console/")) {
      return "console/index.html";
    }
    if (path.equals("/widget.js")) {
      return "widget/loader.js";
    }
    if (path.startsWith(WEBJARS)) {
      return path.endsWith("/") ? null : "META-INF/resources" + path;
    }
    String relative = path.substring(1);
    return relative.endsWith("/") ? relative + "index.html" : relative;
  }

  private static Optional<byte[]> load(String resource) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
