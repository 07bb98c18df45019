package io.switchboard.server.testing;

import io.switchboard.server.SwitchboardNode;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ServerConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Switchboard node on a free port, against the test PostgreSQL and Redis.
 *
 * <p>Not thread-safe; start and close from the test thread.
 */
public final class TestNode implements AutoCloseable {
  private final SwitchboardNode node;
  private final int port;

  private TestNode(SwitchboardNode node, int port) {
    this.node = node;
    this.port = port;
  }

  public static TestNode start() throws InterruptedException {
    return start(Map.of());
  }

  public static TestNode start(Map<String, String> settings) throws InterruptedException {
    return start(settings, java.time.Clock.systemUTC());
  }

  /** A node whose business hours follow {@code businessClock}. */
  public static TestNode start(Map<String, String> settings, java.time.Clock businessClock)
      throws InterruptedException {
    return start(settings, businessClock, java.time.Clock.systemUTC());
  }

  /**
   * A node whose business hours follow {@code businessClock} and whose routing monitors judge
   * grace periods by {@code monitorClock}.
   */
  public static TestNode start(Map<String, String> settings, java.time.Clock businessClock,
      java.time.Clock monitorClock) throws InterruptedException {
    ServerConfig config = ConfigLoader.load(environment(settings));
    SwitchboardNode node = new SwitchboardNode(config, businessClock, monitorClock);
    return new TestNode(node, node.start());
  }

  /** The settings a node process needs to use the test stores. */
  public static Map<String, String> environment(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("SWITCHBOARD_PORT", "0");
    env.put("SWITCHBOARD_DATABASE_URL", TestServices.jdbcUrl());
    env.put("SWITCHBOARD_REDIS_URL", TestServices.redisUrl());
    env.put("SWITCHBOARD_PRESENCE_TTL_SECONDS", "5");
    env.put("SWITCHBOARD_SEED", "false");
    // Files a node keeps (attachments) go under the build's output, not the source tree.
    env.put("SWITCHBOARD_DATA_DIR",
        java.nio.file.Path.of("target", "node-data").toAbsolutePath().toString());
    // The suite logs in many accounts at once from one address; the login guards have their
    // own tests with their real limits.
    env.put("SWITCHBOARD_HASHING_QUEUE", "10000");
    env.put("SWITCHBOARD_LOGIN_ADDRESS_ATTEMPTS", "100000");
    for (String limit : new String[] {"VISITOR_TOKENS", "HANDSHAKES", "ADDRESS_STARTS",
        "VISITOR_STARTS", "VISITOR_MESSAGES", "VISITOR_COMMANDS", "STAFF_COMMANDS"}) {
      env.put("SWITCHBOARD_RATE_" + limit, "1000000/1");
    }
    env.putAll(settings);
    return env;
  }

  public int port() {
    return port;
  }

  public URI http() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
  }

  public SwitchboardNode node() {
    return node;
  }

  @Override
  public void close() {
    node.close();
  }
}
