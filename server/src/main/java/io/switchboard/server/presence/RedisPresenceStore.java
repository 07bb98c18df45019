package io.switchboard.server.presence;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.redis.RedisScript;
import io.switchboard.server.store.rules.AgentRouting;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * {@link PresenceStore} in Redis, in the agents' shared hashes and sorted sets (the table in
 * {@link io.switchboard.server.redis}): the status, the routing profile (capacity, skills,
 * languages, queues, node), the load, and until when the agent is present, by Redis's clock; an
 * agent whose presence ran out is offline, whatever the status says. Status changes run as one
 * Lua script, {@code set_status.lua}, so these never disagree; reads that depend on the time run
 * as scripts too ({@code presence.lua}, {@code returning.lua}).
 *
 * <p>Thread-safe: stateless apart from the shared Lettuce connection.
 */
public final class RedisPresenceStore implements PresenceStore {
  /** How long presence lasts without a heartbeat. */
  public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(15);
  /** The grace period of the constructors that take none: the server's default. */
  public static final Duration DEFAULT_RETURN_GRACE = Duration.ofSeconds(30);

  private static final RedisScript SET_STATUS =
      RedisScript.fromClasspath("set_status", "free_agents");
  private static final RedisScript HEARTBEAT = RedisScript.fromClasspath("heartbeat");
  private static final RedisScript PRESENCE = RedisScript.fromClasspath("presence");
  private static final RedisScript RETURNING = RedisScript.fromClasspath("returning");
  private static final String[] STATUS_KEYS = {RedisKeys.AGENT_STATUS, RedisKeys.AGENT_PROFILE,
      RedisKeys.AGENT_LOAD, RedisKeys.AGENTS_BY_LOAD, RedisKeys.AGENT_PRESENCE,
      RedisKeys.AGENT_RETURNING, RedisKeys.AGENT_RETURNING_STATUS};

  private final RedisClusterAsyncCommands<String, String> redis;
  private final List<BiConsumer<UUID, AgentStatus>> statusListeners = new CopyOnWriteArrayList<>();
  private final long ttlMillis;
  /** How long the chosen status outlives the last heartbeat: the TTL plus the grace period. */
  private final long returnMillis;

  /** A store whose presence lasts {@link #DEFAULT_PRESENCE_TTL} without a heartbeat. */
  public RedisPresenceStore(RedisConnections connections) {
    this(connections, DEFAULT_PRESENCE_TTL);
  }

  /**
   * A store whose presence lasts {@code presenceTtl} without a heartbeat; heartbeats should come
   * at least two or three times per TTL.
   */
  public RedisPresenceStore(RedisConnections connections, Duration presenceTtl) {
    this(connections, presenceTtl, DEFAULT_RETURN_GRACE);
  }

  /**
   * As {@link #RedisPresenceStore(RedisConnections, Duration)}; an agent whose presence ran out
   * gets their chosen status back when they reconnect within {@code grace} after that.
   */
  public RedisPresenceStore(RedisConnections connections, Duration presenceTtl, Duration grace) {
    this.redis = connections.async();
    this.ttlMillis = presenceTtl.toMillis();
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("presence TTL must be positive: " + presenceTtl);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    this.returnMillis = ttlMillis + grace.toMillis();
  }

  /** How long presence lasts without a heartbeat. */
  public Duration presenceTtl() {
    return Duration.ofMillis(ttlMillis);
  }

  /**
   * Tells {@code listener} every status this store sets, once Redis has it (for the status
   * timeline). It runs on the Redis reply thread: it must return quickly and never block.
   */
  public void onStatusSet(BiConsumer<UUID, AgentStatus> listener) {
    statusListeners.add(listener);
  }

  @Override
  public CompletionStage<Integer> setStatus(
      UUID agentId, AgentStatus status, AgentRouting routing, String nodeId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(status, "status");
    int capacity = routing.capacity();
    List<String> queueIds = routing.queues();
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    queueIds.forEach(RedisKeys::checkQueueId);
    RedisKeys.checkNodeId(nodeId);
    return RedisCalls.call("set status", () -> SET_STATUS.<Long>eval(
            redis, ScriptOutputType.INTEGER, STATUS_KEYS,
            agentId.toString(),
            status.wire(),
            Integer.toString(capacity),
            String.join(",", queueIds),
            nodeId,
            Long.toString(ttlMillis),
            String.join(",", routing.skills().skills()),
            String.join(",", routing.skills().primaryLanguages()),
            Long.toString(returnMillis)))
        .thenApply(load -> {
          statusListeners.forEach(listener -> listener.accept(agentId, status));
          return load.intValue();
        });
  }

  @Override
  public CompletionStage<Boolean> heartbeat(UUID agentId, String nodeId) {
    RedisKeys.checkNodeId(nodeId);
    String[] keys = {RedisKeys.AGENT_PRESENCE, RedisKeys.AGENT_RETURNING};
    return RedisCalls.call("presence heartbeat", () -> HEARTBEAT.<Long>eval(redis,
            ScriptOutputType.INTEGER, keys, agentId.toString(), Long.toString(ttlMillis),
            Long.toString(returnMillis)))
        .thenApply(refreshed -> refreshed == 1L);
  }

  @Override
  public CompletionStage<Optional<AgentStatus>> returningStatus(UUID agentId) {
    String[] keys = {RedisKeys.AGENT_RETURNING, RedisKeys.AGENT_RETURNING_STATUS};
    return RedisCalls.call("returning status", () -> RETURNING.<String>eval(redis,
            ScriptOutputType.VALUE, keys, agentId.toString()))
        .thenApply(wire -> Optional.ofNullable(wire).map(AgentStatus::fromWire)
            .filter(status -> status != AgentStatus.OFFLINE));
  }

  @Override
  public CompletionStage<AgentStatus> status(UUID agentId) {
    String[] keys = {RedisKeys.AGENT_PRESENCE, RedisKeys.AGENT_STATUS};
    return RedisCalls.call("presence", () -> PRESENCE.<String>eval(redis,
            ScriptOutputType.VALUE, keys, agentId.toString()))
        .thenApply(AgentStatus::fromWire);
  }
}
