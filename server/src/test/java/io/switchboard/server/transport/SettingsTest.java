package io.switchboard.server.transport;

import static io.switchboard.server.transport.BadFramesWire.FIN;
import static io.switchboard.server.transport.BadFramesWire.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.TestNode;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection settings that must be explicit, read back from the live objects of a running
 * node started with non-default values: Netty's channel options and handlers, Lettuce's client
 * options and connections (seen from Redis itself), and HikariCP's pool and pgjdbc's socket.
 */
class SettingsTest {
  private static final int FRAME_LIMIT = 32768;
  private static final String NODE_ID = "settings-" + UUID.randomUUID().toString().substring(0, 8);
  private static TestNode node;
  private static Fixtures fixtures;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(Map.of(
        "SWITCHBOARD_NODE_ID", NODE_ID,
        "SWITCHBOARD_MAX_FRAME_BYTES", Integer.toString(FRAME_LIMIT),
        "SWITCHBOARD_IDLE_TIMEOUT_SECONDS", "37",
        "SWITCHBOARD_PING_INTERVAL_SECONDS", "7",
        "SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS", "9",
        "SWITCHBOARD_WRITE_BUFFER_HIGH_WATER_BYTES", "1048576",
        "SWITCHBOARD_DB_POOL_SIZE", "4",
        "SWITCHBOARD_DB_CONNECTION_TIMEOUT_MS", "4321",
        "SWITCHBOARD_DB_SOCKET_TIMEOUT_SECONDS", "23"));
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Channel awaitConnection(Class<?> withHandler) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> node.node().server().connections()
        .stream().filter(c -> c.pipeline().get(withHandler.getName()) != null
            || c.pipeline().toMap().values().stream().anyMatch(withHandler::isInstance))
        .findFirst().orElse(null), c -> c != null);
  }

  @Test
  void nettyAcceptedConnectionsHaveTheConfiguredHandshakeDeadline() throws Exception {
    try (BadFramesSocket silent = BadFramesSocket.connect(node.port())) {
      Channel channel = awaitConnection(HandshakeDeadline.class);
      assertThat(channel.pipeline().get(HandshakeDeadline.class).timeout())
          .isEqualTo(Duration.ofSeconds(9));
      assertThat(channel.pipeline().get(HttpObjectAggregator.class).maxContentLength())
          .isEqualTo(ChatChannelInitializer.MAX_HTTP_BODY);
    }
  }

  @Test
  void nettyWebSocketConnectionsUseTheConfiguredLimitsTimeoutsAndWaterMarks() throws Exception {
    try (BadFramesSocket socket = BadFramesSocket.upgrade(node.port(),
        Http.visitorToken(node.http(), fixtures.siteKey))) {
      socket.next("welcome");
      Channel channel = awaitConnection(FrameCodec.class);
      assertThat(channel.config().getWriteBufferHighWaterMark()).isEqualTo(1048576);
      assertThat(channel.config().getWriteBufferLowWaterMark()).isEqualTo(1048576 / 4);
      assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
      assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
      SocketHeartbeat heartbeat = channel.pipeline().get(SocketHeartbeat.class);
      assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(7));
      assertThat(heartbeat.idleTimeout()).isEqualTo(Duration.ofSeconds(37));
      // The HTTP stage's idle, download and upload handlers are gone from a WebSocket.
      assertThat(channel.pipeline().get(IdleStateHandler.class)).isNull();
      assertThat(channel.pipeline().get(ChunkedWriteHandler.class)).isNull();
      assertThat(channel.pipeline().get(UploadReceiver.class)).isNull();
      assertThat(channel.pipeline().get(WebSocketFrameAggregator.class).maxContentLength())
          .isEqualTo(FRAME_LIMIT);
      assertThat(channel.pipeline().toMap().values())
          .anyMatch(WebSocketFrameDecoder.class::isInstance)
          .noneMatch(WebSocketServerExtensionHandler.class::isInstance);

      // The decoder's limit is the configured one: a message of exactly FRAME_LIMIT bytes passes,
      // a header that claims one byte more is refused.
      String empty = "{\"type\":\"ping\",\"id\":\"at-limit\",\"pad\":\"\"}";
      String atLimit = empty.replace("\"\"}", "\"" + "x".repeat(FRAME_LIMIT - empty.length()) + "\"}");
      socket.send(BadFramesWire.text(atLimit));
      assertThat(socket.next("pong")).contains("at-limit");
      socket.send(BadFramesWire.header(FIN | TEXT, FRAME_LIMIT + 1, true));
      assertThat(socket.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void lettuceKeepsAliveBoundsItsQueueRejectsWhileDisconnectedAndSubscribesApart() {
    RedisConnections redis = node.node().redis();
    for (ClientOptions options : List.of(redis.options(), redis.connection().getOptions())) {
      SocketOptions socket = options.getSocketOptions();
      assertThat(socket.isKeepAlive()).isTrue();
      assertThat(socket.getKeepAlive().getIdle()).isEqualTo(RedisConnections.KEEPALIVE_IDLE);
      assertThat(socket.getKeepAlive().getInterval())
          .isEqualTo(RedisConnections.KEEPALIVE_INTERVAL);
      assertThat(socket.getKeepAlive().getCount()).isEqualTo(RedisConnections.KEEPALIVE_COUNT);
      assertThat(socket.getConnectTimeout()).isEqualTo(RedisConnections.CONNECT_TIMEOUT);
      assertThat(options.getRequestQueueSize()).isEqualTo(RedisConnections.REQUEST_QUEUE_SIZE);
      assertThat(options.getDisconnectedBehavior())
          .isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
      assertThat(options.isAutoReconnect()).isTrue();
    }
    assertThat(redis.connection()).isNotInstanceOf(StatefulRedisPubSubConnection.class);
    assertThat(redis.connection().getTimeout()).isEqualTo(RedisConnections.DEFAULT_COMMAND_TIMEOUT);

  }

  @Test
  void redisSeesACommandConnectionAndADedicatedSubscriberFromThisNode() throws Exception {
    // A started conversation makes the node subscribe to its channel.
    try (BadFramesSocket socket = BadFramesSocket.upgrade(node.port(),
        Http.visitorToken(node.http(), fixtures.siteKey))) {
      socket.next("welcome");
      socket.send(BadFramesWire.text("{\"type\":\"start\",\"id\":\"1\"}"));
      socket.next("started");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        List<String> mine = Arrays.stream(
                node.node().redis().sync().clientList().split("\n"))
            .filter(line -> line.contains(" name=switchboard-" + NODE_ID + " ")).toList();
        assertThat(mine).anyMatch(line -> line.contains(" flags=N ") && line.contains(" sub=0 "));
        assertThat(mine).anyMatch(line -> line.contains(" flags=P ") && !line.contains(" sub=0 "));
      });
    }
  }

  @Test
  void hikariAndPgjdbcHaveExplicitTimeoutsKeepaliveAndLifetime() throws Exception {
    HikariDataSource pool = node.node().database().dataSource();
    assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
    assertThat(pool.getConnectionTimeout()).isEqualTo(4321);
    assertThat(pool.getKeepaliveTime()).isEqualTo(DatabaseSettings.KEEPALIVE_TIME.toMillis());
    assertThat(pool.getMaxLifetime()).isEqualTo(DatabaseSettings.MAX_LIFETIME.toMillis());
    assertThat(pool.getValidationTimeout())
        .isEqualTo(DatabaseSettings.VALIDATION_TIMEOUT.toMillis());
    assertThat(pool.getDataSourceProperties())
        .containsEntry("socketTimeout", "23")
        .containsEntry("connectTimeout", Long.toString(DatabaseSettings.CONNECT_TIMEOUT.toSeconds()))
        .containsEntry("tcpKeepAlive", "true");
    try (Connection connection = pool.getConnection()) {
      // pgjdbc reports its socket's read timeout (socketTimeout) as the network timeout: the
      // driver really parsed the property.
      assertThat(connection.getNetworkTimeout()).isEqualTo(23_000);
    }
  }
}
