package io.switchboard.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of one Switchboard node, validated by {@link ConfigLoader}. A null
 * {@code databaseUrl} or {@code redisUrl} means "start the embedded server", which then listens on
 * {@code embeddedPostgresPort} or {@code embeddedRedisPort} (0 picks a free port).
 *
 * <p>Immutable and thread-safe.
 */
public record ServerConfig(
    String bindHost,
    int port,
    Path dataDir,
    String databaseUrl,
    String redisUrl,
    String nodeId,
    String publicUrl,
    int databasePoolSize,
    int writerShards,
    Duration presenceTtl,
    Duration idleTimeout,
    int maxFrameBytes,
    int maxMessageChars,
    Duration agentTokenTtl,
    boolean seed,
    int embeddedPostgresPort,
    int embeddedRedisPort,
    Duration agentGrace) {

  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  public boolean embeddedRedis() {
    return redisUrl == null;
  }

  /** A copy that uses the given database and Redis (used once embedded servers have started). */
  public ServerConfig withStores(String jdbcUrl, String redis) {
    return new ServerConfig(bindHost, port, dataDir, jdbcUrl, redis, nodeId, publicUrl,
        databasePoolSize, writerShards, presenceTtl, idleTimeout, maxFrameBytes, maxMessageChars,
        agentTokenTtl, seed, embeddedPostgresPort, embeddedRedisPort, agentGrace);
  }

  /** A copy listening on another port (0 picks a free one; used by tests). */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(bindHost, newPort, dataDir, databaseUrl, redisUrl, nodeId, publicUrl,
        databasePoolSize, writerShards, presenceTtl, idleTimeout, maxFrameBytes, maxMessageChars,
        agentTokenTtl, seed, embeddedPostgresPort, embeddedRedisPort, agentGrace);
  }
}
