package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP side, byte by byte: refusals that need no store. */
class HttpDispatcherTest {
  private final EmbeddedHttp http = new EmbeddedHttp();

  private FullHttpResponse request(HttpMethod method, String uri, String... headers) {
    return http.request(method, uri, headers);
  }

  @Test
  void upgradeWithoutTokenIs401BeforeAnyUpgrade() {
    FullHttpResponse response = request(HttpMethod.GET, "/v1/ws",
        "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13",
        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(response.content().toString(StandardCharsets.UTF_8))
        .contains("\"code\":\"unauthorized\"");
    assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    response.release();
  }

  @Test
  void plainGetOnTheSocketPathIs400AndUnknownEndpointsAre404() {
    FullHttpResponse plain = request(HttpMethod.GET, "/v1/ws?token=x");
    assertThat(plain.status().code()).isEqualTo(400);
    plain.release();
    FullHttpResponse unknown = request(HttpMethod.POST, "/v1/nothing");
    assertThat(unknown.status().code()).isEqualTo(404);
    assertThat(unknown.content().toString(StandardCharsets.UTF_8)).contains("not an endpoint");
    unknown.release();
  }

  @Test
  void staticPathsCannotClimbOutOfTheirFolders() {
    assertThat(StaticFiles.resourceFor("/console/../logback.xml")).isNull();
    assertThat(StaticFiles.resourceFor("/console/")).isEqualTo("console/index.html");
    FullHttpResponse console = request(HttpMethod.GET, "/console");
    assertThat(console.status().code()).isEqualTo(200);
    assertThat(console.headers().get("Content-Type")).startsWith("text/html");
    console.release();
  }

  @Test
  void theChartLibraryComesFromItsWebJarAsAModuleCachedForAYear() {
    assertThat(StaticFiles.resourceFor("/webjars/echarts/../../logback.xml")).isNull();
    assertThat(StaticFiles.resourceFor("/webjars/echarts/5.3.1/")).isNull();
    FullHttpResponse charts = request(HttpMethod.GET,
        "/webjars/echarts/5.3.1/dist/echarts.esm.min.js");
    assertThat(charts.status().code()).isEqualTo(200);
    assertThat(charts.headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(charts.headers().get("Cache-Control")).contains("max-age=31536000", "immutable");
    assertThat(charts.content().toString(StandardCharsets.UTF_8)).contains("export");
    charts.release();
    FullHttpResponse other = request(HttpMethod.GET, "/webjars/zrender/5.3.1/package.json");
    assertThat(other.status().code()).isEqualTo(404);
    other.release();
  }
}
