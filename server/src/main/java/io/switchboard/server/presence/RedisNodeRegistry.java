package io.switchboard.server.presence;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link NodeRegistry} in Redis: one key {@code sb:node:{nodeId}} per live node, holding the time
 * it registered, with a TTL. {@link #liveNodes()} walks them with {@code SCAN}, never {@code KEYS}.
 *
 * <p>Thread-safe: stateless apart from the shared Lettuce connection.
 */
public final class RedisNodeRegistry implements NodeRegistry {
  private static final int SCAN_COUNT = 200;
  /** Length of {@code sb:node:}, the part of a node key before the node id. */
  private static final int NODE_KEY_PREFIX_LENGTH = RedisKeys.nodePattern().length() - 1;

  private final RedisClusterAsyncCommands<String, String> redis;

  public RedisNodeRegistry(RedisConnections connections) {
    this.redis = connections.async();
  }

  @Override
  public CompletionStage<Void> register(String nodeId, Duration ttl) {
    String key = RedisKeys.node(nodeId);
    String registeredAt = Instant.now().toString();
    SetArgs args = SetArgs.Builder.px(positiveMillis(ttl));
    return RedisCalls.call("register node", () -> redis.set(key, registeredAt, args))
        .thenApply(ok -> null);
  }

  @Override
  public CompletionStage<Boolean> heartbeat(String nodeId, Duration ttl) {
    String key = RedisKeys.node(nodeId);
    long millis = positiveMillis(ttl);
    return RedisCalls.call("node heartbeat", () -> redis.pexpire(key, millis));
  }

  @Override
  public CompletionStage<Void> unregister(String nodeId) {
    String key = RedisKeys.node(nodeId);
    return RedisCalls.call("unregister node", () -> redis.del(key)).thenApply(count -> null);
  }

  @Override
  public CompletionStage<Boolean> isAlive(String nodeId) {
    String key = RedisKeys.node(nodeId);
    return RedisCalls.call("node liveness", () -> redis.exists(key)).thenApply(count -> count > 0);
  }

  @Override
  public CompletionStage<Set<String>> liveNodes() {
    ScanArgs args = ScanArgs.Builder.matches(RedisKeys.nodePattern()).limit(SCAN_COUNT);
    return scan(ScanCursor.INITIAL, args, new HashSet<>());
  }

  private CompletionStage<Set<String>> scan(ScanCursor cursor, ScanArgs args, Set<String> found) {
    return RedisCalls.call("list nodes", () -> redis.scan(cursor, args))
        .thenCompose((KeyScanCursor<String> page) -> {
          page.getKeys().forEach(key -> found.add(key.substring(NODE_KEY_PREFIX_LENGTH)));
          if (page.isFinished()) {
            return CompletableFuture.completedStage(Set.copyOf(found));
          }
          return scan(page, args, found);
        });
  }

  private static long positiveMillis(Duration ttl) {
    long millis = ttl.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("TTL must be positive: " + ttl);
    }
    return millis;
  }
}
