package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * What a browser gets for the apps' files: versioned addresses it may keep for a year, gzip when it
 * asks, 304 for what it has, HEAD, the loader's size and the favicon. Before, every file came with
 * {@code no-cache}, no ETag and no compression, HEAD answered 404 and the console had no icon.
 */
class StaticFilesTest {
  private static final String GZIP = "gzip, deflate, br";
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"(/[^\"]+)\"");

  private final EmbeddedHttp http = new EmbeddedHttp();

  private FullHttpResponse request(HttpMethod method, String uri, String... headers) {
    return http.request(method, uri, headers);
  }

  private String text(FullHttpResponse response) {
    String body = response.content().toString(StandardCharsets.UTF_8);
    response.release();
    return body;
  }

  private static List<String> links(String html) {
    List<String> links = new ArrayList<>();
    Matcher matcher = LINK.matcher(html);
    while (matcher.find()) {
      links.add(matcher.group(1));
    }
    return links;
  }

  @Test
  void pagesLinkTheirFilesUnderTheVersionAndThoseAreKeptForAYear() {
    String version = StaticFiles.INSTANCE.version();
    assertThat(version).matches("[0-9a-f]{12}");
    FullHttpResponse page = request(HttpMethod.GET, "/console/");
    assertThat(page.headers().get("Cache-Control")).isEqualTo("no-cache");
    List<String> consoleLinks = links(text(page));
    FullHttpResponse frame = request(HttpMethod.GET, "/widget/frame.html");
    List<String> frameLinks = links(text(frame));
    assertThat(consoleLinks).hasSizeGreaterThan(5).contains("/console/favicon.svg".replace(
        "/console/", "/assets/" + version + "/console/"));
    assertThat(frameLinks).contains("/assets/" + version + "/widget/app.js");
    for (String link : concat(consoleLinks, frameLinks)) {
      assertThat(link).startsWith("/assets/" + version + "/");
      FullHttpResponse file = request(HttpMethod.GET, link);
      assertThat(file.status().code()).as(link).isEqualTo(200);
      assertThat(file.headers().get("Cache-Control")).as(link)
          .isEqualTo("public, max-age=31536000, immutable");
      String body = text(file);
      // The same file at its plain address is the same bytes, revalidated on every use.
      String plain = link.substring(("/assets/" + version).length());
      FullHttpResponse unversioned = request(HttpMethod.GET, plain);
      assertThat(unversioned.headers().get("Cache-Control")).as(plain).isEqualTo("no-cache");
      assertThat(text(unversioned)).isEqualTo(body);
    }
    // Another version's address (an old page after an upgrade) gets today's file, not kept.
    FullHttpResponse stale = request(HttpMethod.GET, "/assets/000000000000/widget/app.js");
    assertThat(stale.status().code()).isEqualTo(200);
    assertThat(stale.headers().get("Cache-Control")).isEqualTo("no-cache");
    stale.release();
    for (String refused : List.of("/assets/" + version + "/logback.xml",
        "/assets/" + version + "/console/../logback.xml", "/assets/" + version,
        "/assets/" + version + "/console/", "/assets/" + version + "/console/index.html",
        "/assets/" + version + "/widget/frame.html")) {
      FullHttpResponse response = request(HttpMethod.GET, refused);
      assertThat(response.status().code()).as(refused).isEqualTo(404);
      response.release();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void textIsSentCompressedToBrowsersThatTakeGzipAndTheSameBytesCome() throws IOException {
    FullHttpResponse plain = request(HttpMethod.GET, "/widget/chat.js");
    assertThat(plain.headers().get("Content-Encoding")).isNull();
    assertThat(plain.headers().get("Vary")).isEqualToIgnoringCase("accept-encoding");
    byte[] body = ByteBufUtil.getBytes(plain.content());
    plain.release();
    FullHttpResponse packed = request(HttpMethod.GET, "/widget/chat.js", "Accept-Encoding", GZIP);
    assertThat(packed.headers().get("Content-Encoding")).isEqualTo("gzip");
    byte[] zipped = ByteBufUtil.getBytes(packed.content());
    assertThat(packed.headers().getInt("Content-Length")).isEqualTo(zipped.length);
    packed.release();
    assertThat(zipped.length).isLessThan(body.length / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    FullHttpResponse refused = request(HttpMethod.GET, "/widget/chat.js",
        "Accept-Encoding", "gzip;q=0, identity");
    assertThat(refused.headers().get("Content-Encoding")).isNull();
    refused.release();
  }

  @Test
  void acceptEncodingIsReadWithItsWeights() {
    assertThat(StaticAsset.acceptsGzip(null)).isFalse();
    assertThat(StaticAsset.acceptsGzip("")).isFalse();
    assertThat(StaticAsset.acceptsGzip("gzip")).isTrue();
    assertThat(StaticAsset.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(StaticAsset.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(StaticAsset.acceptsGzip("gzip; q=0.0, br")).isFalse();
    assertThat(StaticAsset.acceptsGzip("*")).isTrue();
    assertThat(StaticAsset.acceptsGzip("*;q=0")).isFalse();
    assertThat(StaticAsset.acceptsGzip("gzip;q=0, *")).isFalse();
    assertThat(StaticAsset.acceptsGzip("br, deflate")).isFalse();
    assertThat(StaticAsset.acceptsGzip("gzip;q=nonsense")).isFalse();
  }

  @Test
  void aFileTheBrowserHasIsAnswered304WithoutABody() {
    for (String encoding : List.of("identity", GZIP)) {
      FullHttpResponse first = request(HttpMethod.GET, "/console/", "Accept-Encoding", encoding);
      String etag = first.headers().get("ETag");
      assertThat(etag).matches("\"[A-Za-z0-9_-]{22}(-gz)?\"");
      first.release();
      FullHttpResponse again = request(HttpMethod.GET, "/console/",
          "Accept-Encoding", encoding, "If-None-Match", etag);
      assertThat(again.status().code()).isEqualTo(304);
      assertThat(again.content().readableBytes()).isZero();
      assertThat(again.headers().get("ETag")).isEqualTo(etag);
      assertThat(again.headers().get("Cache-Control")).isEqualTo("no-cache");
      assertThat(again.headers().get("Content-Security-Policy")).contains("frame-ancestors 'none'");
      again.release();
    }
    FullHttpResponse other = request(HttpMethod.GET, "/console/",
        "If-None-Match", "\"something-else\", W/\"old\"");
    assertThat(other.status().code()).isEqualTo(200);
    other.release();
  }

  @Test
  void headAnswersWithGetsHeadersAndNoBody() {
    for (String path : List.of("/widget.js", "/console/", "/widget/frame.html", "/favicon.ico")) {
      FullHttpResponse get = request(HttpMethod.GET, path, "Accept-Encoding", GZIP);
      int length = get.content().readableBytes();
      String etag = get.headers().get("ETag");
      get.release();
      FullHttpResponse head = request(HttpMethod.HEAD, path, "Accept-Encoding", GZIP);
      assertThat(head.status().code()).as(path).isEqualTo(200);
      assertThat(head.content().readableBytes()).isZero();
      assertThat(head.headers().getInt("Content-Length")).as(path).isEqualTo(length);
      assertThat(head.headers().get("ETag")).isEqualTo(etag);
      head.release();
    }
    FullHttpResponse missing = request(HttpMethod.HEAD, "/console/nothing.js");
    assertThat(missing.status().code()).isEqualTo(404);
    missing.release();
  }

  @Test
  void theLoaderIsSmallCompressedAndKeptForAnHour() {
    FullHttpResponse loader = request(HttpMethod.GET, "/widget.js", "Accept-Encoding", GZIP);
    assertThat(loader.status().code()).isEqualTo(200);
    assertThat(loader.headers().get("Content-Encoding")).isEqualTo("gzip");
    assertThat(loader.headers().get("Cache-Control")).isEqualTo("public, max-age=3600");
    assertThat(loader.content().readableBytes()).isLessThanOrEqualTo(5 * 1024);
    loader.release();
  }

  @Test
  void theConsoleHasAnIcon() {
    for (String path : List.of("/favicon.ico",
        "/assets/" + StaticFiles.INSTANCE.version() + "/console/favicon.svg")) {
      FullHttpResponse icon = request(HttpMethod.GET, path);
      assertThat(icon.status().code()).as(path).isEqualTo(200);
      assertThat(icon.headers().get("Content-Type")).isEqualTo("image/svg+xml");
      assertThat(text(icon)).startsWith("<svg");
    }
  }
}
