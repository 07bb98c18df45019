package io.switchboard.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a {@link ServerConfig} from environment variables, which win, and an optional properties
 * file named by {@code SWITCHBOARD_CONFIG_FILE} that uses the same {@code SWITCHBOARD_*} keys.
 * Every problem is collected and reported at once, naming the setting and the value.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
  static final Set<String> KNOWN = Set.of(
      "SWITCHBOARD_CONFIG_FILE", "SWITCHBOARD_BIND", "SWITCHBOARD_PORT", "SWITCHBOARD_DATA_DIR",
      "SWITCHBOARD_DATABASE_URL", "SWITCHBOARD_DATABASE_REPLICA_URL", "SWITCHBOARD_REDIS_URL", "SWITCHBOARD_NODE_ID",
      "SWITCHBOARD_PUBLIC_URL", "SWITCHBOARD_DB_POOL_SIZE", "SWITCHBOARD_WRITER_SHARDS",
      "SWITCHBOARD_PRESENCE_TTL_SECONDS", "SWITCHBOARD_IDLE_TIMEOUT_SECONDS",
      "SWITCHBOARD_MAX_FRAME_BYTES", "SWITCHBOARD_MAX_MESSAGE_CHARS",
      "SWITCHBOARD_AGENT_TOKEN_TTL_HOURS", "SWITCHBOARD_SEED", "SWITCHBOARD_AGENT_GRACE_SECONDS",
      "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", "SWITCHBOARD_EMBEDDED_REDIS_PORT",
      "SWITCHBOARD_PING_INTERVAL_SECONDS", "SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS",
      "SWITCHBOARD_WRITE_BUFFER_HIGH_WATER_BYTES", "SWITCHBOARD_DB_CONNECTION_TIMEOUT_MS",
      "SWITCHBOARD_DB_SOCKET_TIMEOUT_SECONDS", "SWITCHBOARD_REDIS_COMMAND_TIMEOUT_MS",
      "SWITCHBOARD_ROUTING_CLAIM_TIMEOUT_SECONDS");
  /** Every setting the server knows: the ones above, the security settings and the rate limits. */
  static final Set<String> ALL_KNOWN =
      union(union(union(KNOWN, SecuritySettings.KEYS), union(RateLimits.KEYS,
          TransitSecurity.KEYS)),
          union(union(TicketSettings.KEYS, MailSettings.KEYS),
              union(AttachmentSettings.KEYS, MonitoringSettings.KEYS)));
  /**
   * Variables of the project's scripts (run, test, bench), not of the server: a node started by
   * one of them inherits them and must not refuse them.
   */
  static final Set<String> SCRIPT_VARIABLES = Set.of(
      "SWITCHBOARD_SKIP_BUILD", "SWITCHBOARD_JAVA_OPTS", "SWITCHBOARD_PEER_DIR",
      "SWITCHBOARD_CHROMIUM");
  /** Prefixes of script variables: the tests' and the benchmark's own stores. */
  private static final List<String> SCRIPT_PREFIXES =
      List.of("SWITCHBOARD_TEST_", "SWITCHBOARD_BENCH_");

  private ConfigLoader() {}

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** Whether {@code key} belongs to the scripts rather than to the server. */
  static boolean isScriptVariable(String key) {
    return SCRIPT_VARIABLES.contains(key) || SCRIPT_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /**
   * Loads from the process environment; on bad settings prints every problem and exits with
   * status 2 (for the command-line entry points).
   */
  public static ServerConfig fromEnvironmentOrExit() {
    try {
      return fromEnvironment();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  /** Loads from the process environment. */
  public static ServerConfig fromEnvironment() {
    return load(System.getenv());
  }

  /** Loads from the given variables (the environment, or a test's map). */
  public static ServerConfig load(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> settings = new HashMap<>();
    String file = blankToNull(env.get("SWITCHBOARD_CONFIG_FILE"));
    if (file != null) {
      settings.putAll(readFile(Path.of(file), problems));
    }
    env.forEach((key, value) -> {
      if (key.startsWith("SWITCHBOARD_") && !isScriptVariable(key)) {
        settings.put(key, value);
      }
    });
    for (String key : settings.keySet()) {
      if (!ALL_KNOWN.contains(key)) {
        problems.add(key + " is not a Switchboard setting (known: " + String.join(", ",
            ALL_KNOWN.stream().sorted().toList()) + ")");
      }
    }
    Settings s = new Settings(settings, problems);
    int port = s.integer("SWITCHBOARD_PORT", 8080, 0, 65535);
    String bind = s.text("SWITCHBOARD_BIND", "127.0.0.1");
    Path dataDir = Path.of(s.text("SWITCHBOARD_DATA_DIR", "data")).toAbsolutePath();
    String databaseUrl = databaseUrl("SWITCHBOARD_DATABASE_URL",
        blankToNull(settings.get("SWITCHBOARD_DATABASE_URL")), problems);
    String replicaUrl = databaseUrl("SWITCHBOARD_DATABASE_REPLICA_URL",
        blankToNull(settings.get("SWITCHBOARD_DATABASE_REPLICA_URL")), problems);
    if (replicaUrl != null && databaseUrl == null) {
      problems.add("SWITCHBOARD_DATABASE_REPLICA_URL needs SWITCHBOARD_DATABASE_URL: the embedded"
          + " PostgreSQL has no replica");
    }
    String redisUrl = redisUrl(blankToNull(settings.get("SWITCHBOARD_REDIS_URL")), problems);
    String nodeId = s.text("SWITCHBOARD_NODE_ID", "node-" + UUID.randomUUID().toString().substring(0, 8));
    if (!nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
      problems.add("SWITCHBOARD_NODE_ID=" + nodeId + " must be 1-64 letters, digits, '.', '_' or '-'");
    }
    String publicUrl = blankToNull(settings.get("SWITCHBOARD_PUBLIC_URL"));
    int embeddedPostgresPort = s.port("SWITCHBOARD_EMBEDDED_POSTGRES_PORT");
    int embeddedRedisPort = s.port("SWITCHBOARD_EMBEDDED_REDIS_PORT");
    if (embeddedPostgresPort > 0 && embeddedPostgresPort == embeddedRedisPort) {
      problems.add("SWITCHBOARD_EMBEDDED_POSTGRES_PORT and SWITCHBOARD_EMBEDDED_REDIS_PORT are both "
          + embeddedPostgresPort + "; the embedded servers need different ports");
    }
    if (embeddedPostgresPort > 0 && embeddedPostgresPort == port) {
      problems.add("SWITCHBOARD_EMBEDDED_POSTGRES_PORT=" + port + " is also SWITCHBOARD_PORT;"
          + " the embedded PostgreSQL needs another port");
    }
    if (embeddedRedisPort > 0 && embeddedRedisPort == port) {
      problems.add("SWITCHBOARD_EMBEDDED_REDIS_PORT=" + port + " is also SWITCHBOARD_PORT;"
          + " the embedded Redis needs another port");
    }
    Duration idleTimeout =
        Duration.ofSeconds(s.integer("SWITCHBOARD_IDLE_TIMEOUT_SECONDS", 60, 2, 3600));
    Duration pingInterval =
        Duration.ofSeconds(s.integer("SWITCHBOARD_PING_INTERVAL_SECONDS", 30, 1, 3600));
    if (pingInterval.compareTo(idleTimeout) >= 0) {
      problems.add("SWITCHBOARD_PING_INTERVAL_SECONDS=" + pingInterval.toSeconds()
          + " must be shorter than SWITCHBOARD_IDLE_TIMEOUT_SECONDS=" + idleTimeout.toSeconds()
          + ", so that a healthy client's pongs keep its socket open");
    }
    ServerConfig config = new ServerConfig(
        bind,
        port,
        dataDir,
        databaseUrl,
        redisUrl,
        nodeId,
        publicUrl,
        s.integer("SWITCHBOARD_DB_POOL_SIZE", 16, 2, 500),
        s.integer("SWITCHBOARD_WRITER_SHARDS", 2, 1, 64),
        Duration.ofSeconds(s.integer("SWITCHBOARD_PRESENCE_TTL_SECONDS", 15, 2, 3600)),
        idleTimeout,
        s.integer("SWITCHBOARD_MAX_FRAME_BYTES", 65536, 1024, 16 * 1024 * 1024),
        s.integer("SWITCHBOARD_MAX_MESSAGE_CHARS", 8000, 1, 1_000_000),
        Duration.ofHours(s.integer("SWITCHBOARD_AGENT_TOKEN_TTL_HOURS", 12, 1, 24 * 90)),
        s.bool("SWITCHBOARD_SEED", true),
        embeddedPostgresPort,
        embeddedRedisPort,
        Duration.ofSeconds(s.integer("SWITCHBOARD_AGENT_GRACE_SECONDS", 30, 1, 3600)),
        pingInterval,
        Duration.ofSeconds(s.integer("SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS", 10, 1, 300)),
        s.integer("SWITCHBOARD_WRITE_BUFFER_HIGH_WATER_BYTES", 2 * 1024 * 1024, 64 * 1024,
            256 * 1024 * 1024),
        Duration.ofMillis(s.integer("SWITCHBOARD_DB_CONNECTION_TIMEOUT_MS", 5000, 250, 600_000)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_DB_SOCKET_TIMEOUT_SECONDS", 30, 1, 3600)),
        Duration.ofMillis(s.integer("SWITCHBOARD_REDIS_COMMAND_TIMEOUT_MS", 5000, 100, 60_000)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_ROUTING_CLAIM_TIMEOUT_SECONDS", 30, 1, 3600)),
        SecuritySettings.load(s), TicketSettings.load(s), MailSettings.load(s),
        AttachmentSettings.load(s), MonitoringSettings.load(s), replicaUrl);
    ProductionProfile.check(config.security().transit(), databaseUrl, redisUrl, problems);
    if (replicaUrl != null) {
      ProductionProfile.checkReplica(config.security().transit(), replicaUrl, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  /** Accepts a JDBC URL or a {@code postgres://user:pass@host:port/db} URL. */
  /** {@code value} as a JDBC URL ({@code postgres://} ones converted), named {@code name}. */
  static String databaseUrl(String name, String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    if (value.startsWith("jdbc:postgresql://")) {
      return value;
    }
    if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
      try {
        URI uri = new URI(value);
        if (uri.getHost() == null) {
          throw new URISyntaxException(value, "no host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
          jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getPath() == null || uri.getPath().isEmpty() ? "/postgres" : uri.getPath());
        List<String> params = new ArrayList<>();
        if (uri.getUserInfo() != null) {
          String[] parts = uri.getUserInfo().split(":", 2);
          params.add("user=" + parts[0]);
          if (parts.length == 2) {
            params.add("password=" + parts[1]);
          }
        }
        if (uri.getQuery() != null) {
          params.add(uri.getQuery());
        }
        if (!params.isEmpty()) {
          jdbc.append('?').append(String.join("&", params));
        }
        return jdbc.toString();
      } catch (URISyntaxException e) {
        problems.add(name + " is not a valid URL: " + e.getMessage());
        return null;
      }
    }
    problems.add(name + " must start with jdbc:postgresql:// or postgres://, got \""
        + value + "\"");
    return null;
  }

  static String redisUrl(String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("redis://") || lower.startsWith("rediss://")
        || lower.startsWith("redis-sentinel://"))) {
      problems.add("SWITCHBOARD_REDIS_URL must start with redis://, rediss:// or redis-sentinel://,"
          + " got \"" + value + "\"");
      return null;
    }
    return value;
  }

  private static Map<String, String> readFile(Path file, List<String> problems) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      problems.add("SWITCHBOARD_CONFIG_FILE=" + file + " cannot be read: " + e.getMessage());
    }
    Map<String, String> values = new HashMap<>();
    properties.forEach((key, value) -> values.put(key.toString().trim(), value.toString().trim()));
    return values;
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
