package io.switchboard.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of one Switchboard node, validated by {@link ConfigLoader}. A null
 * {@code databaseUrl} or {@code redisUrl} means "start the embedded server", which then listens on
 * {@code embeddedPostgresPort} or {@code embeddedRedisPort} (0 picks a free port). A non-null
 * {@code databaseReplicaUrl} is a streaming replica that reports and search read from.
 *
 * <p>The connection limits live here and nowhere else: {@code maxFrameBytes} (one WebSocket
 * message, also the reassembly limit for fragments), {@code idleTimeout} (no byte received),
 * {@code pingInterval} (server pings on a quiet socket), {@code handshakeTimeout} (from TCP accept to
 * a complete first HTTP request, and again from the upgrade request to the WebSocket handshake),
 * {@code writeBufferHighWaterBytes} (unread output at which a client is dropped as a slow
 * consumer; the low-water mark is a quarter of it), the PostgreSQL pool's
 * {@code databaseConnectionTimeout} and {@code databaseSocketTimeout}, {@code redisCommandTimeout}
 * (one Redis command) and {@code claimTimeout} (how long a routing claim may stay unsettled before
 * the reconciler checks it against PostgreSQL).
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
    Duration agentGrace,
    Duration pingInterval,
    Duration handshakeTimeout,
    int writeBufferHighWaterBytes,
    Duration databaseConnectionTimeout,
    Duration databaseSocketTimeout,
    Duration redisCommandTimeout,
    Duration claimTimeout,
    SecuritySettings security,
    TicketSettings tickets,
    MailSettings mail, AttachmentSettings attachments, MonitoringSettings monitoring,
    String databaseReplicaUrl) {

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
        agentTokenTtl, seed, embeddedPostgresPort, embeddedRedisPort, agentGrace, pingInterval,
        handshakeTimeout, writeBufferHighWaterBytes, databaseConnectionTimeout,
        databaseSocketTimeout, redisCommandTimeout, claimTimeout, security, tickets, mail,
        attachments, monitoring, databaseReplicaUrl);
  }

  /** A copy with other mail settings (used once an embedded mail server has started). */
  public ServerConfig withMail(MailSettings newMail) {
    return new ServerConfig(bindHost, port, dataDir, databaseUrl, redisUrl, nodeId, publicUrl,
        databasePoolSize, writerShards, presenceTtl, idleTimeout, maxFrameBytes, maxMessageChars,
        agentTokenTtl, seed, embeddedPostgresPort, embeddedRedisPort, agentGrace, pingInterval,
        handshakeTimeout, writeBufferHighWaterBytes, databaseConnectionTimeout,
        databaseSocketTimeout, redisCommandTimeout, claimTimeout, security, tickets, newMail,
        attachments, monitoring, databaseReplicaUrl);
  }

  /** A copy listening on another port (0 picks a free one; used by tests). */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(bindHost, newPort, dataDir, databaseUrl, redisUrl, nodeId, publicUrl,
        databasePoolSize, writerShards, presenceTtl, idleTimeout, maxFrameBytes, maxMessageChars,
        agentTokenTtl, seed, embeddedPostgresPort, embeddedRedisPort, agentGrace, pingInterval,
        handshakeTimeout, writeBufferHighWaterBytes, databaseConnectionTimeout,
        databaseSocketTimeout, redisCommandTimeout, claimTimeout, security, tickets, mail,
        attachments, monitoring, databaseReplicaUrl);
  }
}
