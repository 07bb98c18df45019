package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sdk.ChatClient;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The heartbeats of the shipped clients and of the server fit together by default: the widget
 * and the console (one connection module) and the Java SDK ping more often than the server's ping
 * interval, so the server hears from every idle client it serves and pings none of them itself
 * ({@code SocketHeartbeat}; {@code BadFramesTimeoutTest} shows that behaviour with short
 * settings). With the server's interval shorter than the clients' (20 s against 25 s, as it once
 * was) every idle connection carried both heartbeats: four frames each time instead of two.
 */
class HeartbeatDefaultsTest {
  private static final Pattern PING_EVERY = Pattern.compile("pingEvery \\?\\? (\\d+)");

  @Test
  void theShippedClientsPingMoreOftenThanTheServersDefaultInterval() throws IOException {
    ServerConfig defaults = ConfigLoader.load(Map.of());
    Duration widget = widgetPingEvery();
    assertThat(widget).as("the widget's and console's ping").isLessThan(defaults.pingInterval());
    assertThat(ChatClient.DEFAULT_HEARTBEAT_INTERVAL).as("the Java SDK's ping")
        .isLessThan(defaults.pingInterval());
    // A client that stops answering is still closed within the idle timeout.
    assertThat(defaults.pingInterval()).isLessThan(defaults.idleTimeout());
  }

  /** The default of {@code pingEvery} in the connection module the server serves. */
  private static Duration widgetPingEvery() throws IOException {
    try (InputStream in = HeartbeatDefaultsTest.class.getClassLoader()
        .getResourceAsStream("widget/common/connection.js")) {
      assertThat(in).as("widget/common/connection.js on the server's class path").isNotNull();
      Matcher m = PING_EVERY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(m.find()).as("a default for pingEvery in connection.js").isTrue();
      return Duration.ofMillis(Long.parseLong(m.group(1)));
    }
  }
}
