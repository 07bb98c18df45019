package io.switchboard.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web apps from the classpath: the agent console under {@code /console}, the
 * widget, its loader and the demo host page under {@code /widget} and {@code /demo}, and the
 * console's chart library from its WebJar under {@code /webjars/echarts/}. Files are read once
 * and kept in memory, with their gzip form.
 *
 * <p>Caching: the console's page and the widget's frame link their scripts and styles under
 * {@code /assets/VERSION/} ({@link AssetVersion}), which a browser keeps for a year; the pages
 * themselves and every other address are revalidated ({@code no-cache} with a strong ETag, so a
 * repeat visit gets 304 without a body); the loader {@code /widget.js}, whose address sites embed,
 * may be kept for an hour, and goes out as one script with its other parts and without
 * comments ({@link LoaderScript}).
 * {@code HEAD} answers like {@code GET} without the body.
 *
 * <p>Thread-safe.
 */
final class StaticFiles {
  static final StaticFiles INSTANCE = new StaticFiles();

  /** The prefix of versioned addresses: {@code /assets/VERSION/console/...}. */
  static final String ASSETS = "/assets/";

  /** The WebJar files the console loads; their paths carry the version, so they never change. */
  private static final String WEBJARS = "/webjars/echarts/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String LOADER = "public, max-age=3600";
  private static final String REVALIDATE = "no-cache";

  private final Map<String, Optional<StaticAsset>> cache = new ConcurrentHashMap<>();
  private volatile String version;

  boolean serves(String path) {
    return path.equals("/") || path.equals("/console") || path.startsWith("/console/")
        || path.equals("/widget.js") || path.startsWith("/widget/") || path.startsWith(WEBJARS)
        || path.startsWith(ASSETS) || path.equals("/favicon.ico");
  }

  /** The web apps' version, computed on first use. */
  String version() {
    String known = version;
    if (known == null) {
      known = AssetVersion.compute();
      version = known;
    }
    return known;
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
    Optional<StaticAsset> asset = resource == null ? Optional.empty()
        : cache.computeIfAbsent(resource, this::load);
    if (asset.isEmpty()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          "no page at " + path);
      return;
    }
    send(ctx, request, asset.get(), cacheControl(path), headers);
  }

  private String cacheControl(String path) {
    if (path.startsWith(WEBJARS)) {
      return IMMUTABLE;
    }
    if (path.equals("/widget.js")) {
      return LOADER;
    }
    String current = ASSETS + version() + "/";
    // An address of another version (a page from before an upgrade, or a node not yet upgraded)
    // is answered with today's file, which must not be kept under that address.
    return path.startsWith(current) ? IMMUTABLE : REVALIDATE;
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, StaticAsset asset,
      String cacheControl, Map<String, String> headers) {
    boolean gzip = asset.sendsGzip(
        StaticAsset.acceptsGzip(request.headers().get(HttpHeaderNames.ACCEPT_ENCODING)));
    byte[] body = gzip ? asset.gzip() : asset.body();
    boolean fresh = asset.matches(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
    boolean head = request.method().equals(HttpMethod.HEAD);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        fresh ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
        fresh || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.type());
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
    response.headers().set(HttpHeaderNames.ETAG, gzip ? asset.gzipEtag() : asset.etag());
    if (asset.gzip() != null) {
      response.headers().set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
    }
    if (gzip) {
      response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
    }
    if (head && !fresh) {
      HttpUtil.setContentLength(response, body.length);
    }
    headers.forEach((name, value) -> response.headers().set(name, value));
    HttpReplies.send(ctx, request, response);
  }

  /** Writes an HTML resource with each placeholder replaced by its (HTML-escaped) value. */
  void writeTemplate(ChannelHandlerContext ctx, FullHttpRequest request, String resource,
      Map<String, String> values) {
    Optional<StaticAsset> asset = cache.computeIfAbsent(resource, this::load);
    if (asset.isEmpty()) {
      HttpReplies.error(ctx, request, HttpResponseStatus.NOT_FOUND, ErrorCode.NOT_FOUND,
          "missing page " + resource);
      return;
    }
    String html = new String(asset.get().body(), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> entry : values.entrySet()) {
      html = html.replace(entry.getKey(), escape(entry.getValue()));
    }
    send(ctx, request, StaticAsset.of(resource, html.getBytes(StandardCharsets.UTF_8)),
        REVALIDATE, Map.of());
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
    if (path.equals("/favicon.ico")) {
      return "console/favicon.svg";
    }
    if (path.startsWith(WEBJARS)) {
      return path.endsWith("/") ? null : "META-INF/resources" + path;
    }
    if (path.startsWith(ASSETS)) {
      int slash = path.indexOf('/', ASSETS.length());
      String rest = slash < 0 ? "" : path.substring(slash + 1);
      boolean app = rest.startsWith("console/") || rest.startsWith("widget/");
      // Pages are never versioned: the console's and the frame's come with their own headers
      // (X-Frame-Options, the site's frame-ancestors) from their own addresses only.
      return app && !rest.endsWith("/") && !rest.endsWith(".html") ? rest : null;
    }
    String relative = path.substring(1);
    return relative.endsWith("/") ? relative + "index.html" : relative;
  }

  private Optional<StaticAsset> load(String resource) {
    byte[] bytes;
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (resource.equals("console/index.html") || resource.equals("widget/frame.html")) {
      bytes = versioned(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    } else if (resource.equals(LoaderScript.LOADER)) {
      List<String> parts = new ArrayList<>();
      for (String part : LoaderScript.PARTS) {
        Optional<StaticAsset> source = part.equals(resource) ? Optional.of(
            StaticAsset.of(resource, bytes)) : load(part);
        if (source.isEmpty()) {
          return Optional.empty();
        }
        parts.add(new String(source.get().body(), StandardCharsets.UTF_8));
      }
      bytes = LoaderScript.served(parts).getBytes(StandardCharsets.UTF_8);
    }
    return Optional.of(StaticAsset.of(resource, bytes));
  }

  /** A page's links to the apps' files, moved under today's versioned prefix. */
  private String versioned(String html) {
    String prefix = ASSETS + version() + "/";
    return html.replace("\"/console/", "\"" + prefix + "console/")
        .replace("\"/widget/", "\"" + prefix + "widget/");
  }
}
