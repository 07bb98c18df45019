package io.switchboard.server.routing;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.protocol.LanguageTag;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.redis.RedisScript;
import io.switchboard.server.store.conversation.QueuedEntry;
import io.switchboard.server.store.rules.SkillProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link RoutingStore} in Redis, following the key table in {@link io.switchboard.server.redis}.
 * Every update that touches more than one key runs as one Lua script: {@code enqueue.lua},
 * {@code assign.lua}, {@code release.lua}, {@code claim.lua}, {@code settle.lua},
 * {@code missed_offer.lua}, {@code dequeue.lua}, {@code rules.lua}, {@code epoch.lua},
 * {@code rebuild_queue.lua} and {@code rebuild_loads.lua}. Every key name comes from
 * {@link RedisKeys}, and every script gets all the keys it touches in {@code KEYS}.
 *
 * <p>Thread-safe: stateless apart from the shared Lettuce connection.
 */
public final class RedisRoutingStore implements RoutingStore {
  /** How many waiting entries or agent loads one rebuild script call carries. */
  static final int REBUILD_BATCH = 500;
  private static final long PRIORITY_STEP = 10_000_000_000_000L;
  /** The Lua library that keeps each queue's free agents, in front of the scripts changing them. */
  static final String FREE_AGENTS = "free_agents";

  private static final RedisScript ASSIGN = RedisScript.fromClasspath("assign", FREE_AGENTS);
  private static final RedisScript ENQUEUE = RedisScript.fromClasspath("enqueue");
  private static final RedisScript RULES = RedisScript.fromClasspath("rules", FREE_AGENTS);
  private static final RedisScript RELEASE = RedisScript.fromClasspath("release", FREE_AGENTS);
  private static final RedisScript CLAIM = RedisScript.fromClasspath("claim", FREE_AGENTS);
  private static final RedisScript ABSENT = RedisScript.fromClasspath("absent");
  private static final RedisScript EPOCH = RedisScript.fromClasspath("epoch");
  private static final RedisScript REBUILD_QUEUE = RedisScript.fromClasspath("rebuild_queue");
  private static final RedisScript REBUILD_LOADS =
      RedisScript.fromClasspath("rebuild_loads", FREE_AGENTS);
  private static final RedisScript SETTLE = RedisScript.fromClasspath("settle", FREE_AGENTS);
  private static final RedisScript MISSED_OFFER = RedisScript.fromClasspath("missed_offer");
  private static final RedisScript DEQUEUE = RedisScript.fromClasspath("dequeue");

  private final RedisClusterAsyncCommands<String, String> redis;
  private final Clock clock;

  public RedisRoutingStore(RedisConnections connections) {
    this(connections, Clock.systemUTC());
  }

  /** A store whose claims are stamped with {@code clock}'s time. */
  public RedisRoutingStore(RedisConnections connections, Clock clock) {
    this.redis = connections.async();
    this.clock = clock;
  }

  /**
   * The waiting-zset score: {@code (9 - priority) * 1e13 + enqueuedAtEpochMillis}, priority
   * clamped to 0..9. Lower scores are served first.
   */
  public static long score(int priority, Instant enqueuedAt) {
    int clamped = Math.max(0, Math.min(MAX_PRIORITY, priority));
    long millis = enqueuedAt.toEpochMilli();
    if (millis < 0 || millis >= PRIORITY_STEP) {
      throw new IllegalArgumentException("enqueuedAt out of range: " + enqueuedAt);
    }
    return (MAX_PRIORITY - clamped) * PRIORITY_STEP + millis;
  }

  @Override
  public CompletionStage<Boolean> enqueue(String queueId, UUID conversationId, int priority,
      Instant enqueuedAt, String language) {
    String[] keys = {RedisKeys.waiting(queueId), RedisKeys.queueLanguages(queueId)};
    long score = score(priority, enqueuedAt);
    return RedisCalls.call("enqueue", () -> ENQUEUE.<Long>eval(redis, ScriptOutputType.INTEGER, keys,
            Long.toString(score), conversationId.toString(), primaryLanguage(language)))
        .thenApply(added -> added == 1);
  }

  @Override
  public CompletionStage<Boolean> setRules(String queueId, SkillProfile rules, boolean replace) {
    String[] keys = {RedisKeys.queueRules(queueId), RedisKeys.AGENTS_BY_LOAD,
        RedisKeys.AGENT_STATUS, RedisKeys.AGENT_PROFILE, RedisKeys.AGENT_LOAD};
    return RedisCalls.call("queue rules", () -> RULES.<Long>eval(redis, ScriptOutputType.INTEGER,
            keys, String.join(",", rules.skills()), String.join(",", rules.primaryLanguages()),
            replace ? "replace" : "missing", queueId))
        .thenApply(written -> written == 1);
  }

  private static String primaryLanguage(String language) {
    return language == null ? "" : LanguageTag.primary(language);
  }

  @Override
  public CompletionStage<List<Assignment>> assign(String queueId, int maxAssignments) {
    String[] keys = {RedisKeys.waiting(queueId), RedisKeys.claims(queueId),
        RedisKeys.claimed(queueId), RedisKeys.queueStrategy(queueId),
        RedisKeys.queuePaused(queueId), RedisKeys.queueRules(queueId),
        RedisKeys.queueLanguages(queueId), RedisKeys.queueTurn(queueId),
        RedisKeys.queueTurns(queueId), RedisKeys.queueDeclined(queueId), RedisKeys.AGENT_STATUS,
        RedisKeys.AGENT_PROFILE, RedisKeys.AGENT_LOAD, RedisKeys.AGENTS_BY_LOAD,
        RedisKeys.AGENT_PRESENCE, RedisKeys.queueFree(queueId)};
    if (maxAssignments <= 0) {
      return CompletableFuture.completedStage(List.of());
    }
    String token = UUID.randomUUID().toString();
    String now = Long.toString(clock.millis());
    return RedisCalls.call("assign", () -> ASSIGN.<List<Object>>eval(
            redis, ScriptOutputType.MULTI, keys,
            Integer.toString(maxAssignments), queueId, token, now))
        .thenApply(triples -> {
          if (triples.size() == 1 && "rules_missing".equals(triples.get(0))) {
            throw new QueueRulesMissingException(queueId);
          }
          List<Assignment> assignments = new ArrayList<>(triples.size() / 3);
          for (int i = 0; i + 2 < triples.size(); i += 3) {
            assignments.add(new Assignment(
                UUID.fromString((String) triples.get(i)),
                UUID.fromString((String) triples.get(i + 1)),
                queueId, (String) triples.get(i + 2)));
          }
          return List.copyOf(assignments);
        });
  }

  @Override
  public CompletionStage<Integer> settle(String queueId, Map<String, Claim.Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return CompletableFuture.completedStage(0);
    }
    String[] keys = {RedisKeys.claims(queueId), RedisKeys.claimed(queueId), RedisKeys.AGENT_LOAD,
        RedisKeys.AGENTS_BY_LOAD, RedisKeys.AGENT_STATUS, RedisKeys.AGENT_PROFILE};
    List<String> args = new ArrayList<>(1 + outcomes.size() * 2);
    args.add(Long.toString(clock.millis()));
    outcomes.forEach((claimId, outcome) -> {
      args.add(claimId);
      args.add(outcome.wire());
    });
    return RedisCalls.call("settle claims", () -> SETTLE.<Long>eval(redis, ScriptOutputType.INTEGER,
            keys, args.toArray(String[]::new)))
        .thenApply(Long::intValue);
  }

  @Override
  public CompletionStage<List<Claim>> claims(String queueId, Instant before) {
    String claims = RedisKeys.claims(queueId);
    String claimed = RedisKeys.claimed(queueId);
    Range<Long> range = Range.create(0L, before.toEpochMilli() - 1);
    return RedisCalls.call("claims", () -> redis.zrangebyscoreWithScores(claimed, range))
        .thenCompose(scored -> {
          if (scored.isEmpty()) {
            return CompletableFuture.completedStage(List.<Claim>of());
          }
          String[] ids = scored.stream().map(ScoredValue::getValue).toArray(String[]::new);
          return RedisCalls.call("claims", () -> redis.hmget(claims, ids)).thenApply(values -> {
            List<Claim> found = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
              if (values.get(i).hasValue()) {
                String[] parts = values.get(i).getValue().split(" ");
                found.add(new Claim(ids[i], queueId, UUID.fromString(parts[0]),
                    UUID.fromString(parts[1]), parts[2].equals("released"),
                    Instant.ofEpochMilli((long) scored.get(i).getScore())));
              }
            }
            return List.copyOf(found);
          });
        });
  }

  @Override
  public CompletionStage<Integer> release(UUID agentId) {
    String[] keys = {RedisKeys.AGENT_LOAD, RedisKeys.AGENTS_BY_LOAD, RedisKeys.AGENT_STATUS,
        RedisKeys.AGENT_PROFILE};
    return RedisCalls.call("release", () -> RELEASE.<Long>eval(
            redis, ScriptOutputType.INTEGER, keys, agentId.toString()))
        .thenApply(Long::intValue);
  }

  @Override
  public CompletionStage<Instant> markAbsent(UUID agentId, Instant now, java.time.Duration keep) {
    String[] keys = {RedisKeys.AGENT_ABSENCE};
    return RedisCalls.call("mark absent", () -> ABSENT.<String>eval(redis, ScriptOutputType.VALUE,
            keys, agentId.toString(), Long.toString(now.toEpochMilli()),
            Long.toString(keep.toMillis())))
        .thenApply(since -> Instant.ofEpochMilli(Long.parseLong(since)));
  }

  @Override
  public CompletionStage<Long> missedOffer(String queueId, UUID conversationId, UUID agentId,
      java.time.Duration keep) {
    String[] keys = {RedisKeys.queueDeclined(queueId), RedisKeys.AGENT_MISSES};
    return RedisCalls.call("missed offer", () -> MISSED_OFFER.<Long>eval(redis,
        ScriptOutputType.INTEGER, keys, conversationId.toString(), agentId.toString(),
        Long.toString(keep.toMillis())));
  }

  @Override
  public CompletionStage<Boolean> reprioritize(String queueId, UUID conversationId, int priority,
      Instant enqueuedAt) {
    String key = RedisKeys.waiting(queueId);
    double score = score(priority, enqueuedAt);
    return RedisCalls.call("reprioritize", () -> redis.zadd(key,
            io.lettuce.core.ZAddArgs.Builder.xx().ch(), score, conversationId.toString()))
        .thenApply(changed -> changed > 0);
  }

  @Override
  public CompletionStage<Void> setRoundRobin(String queueId, boolean roundRobin) {
    String key = RedisKeys.queueStrategy(queueId);
    if (roundRobin) {
      return RedisCalls.call("queue strategy", () -> redis.set(key, "round_robin"))
          .thenApply(ignored -> null);
    }
    return RedisCalls.call("queue strategy", () -> redis.del(key)).thenApply(ignored -> null);
  }

  @Override
  public CompletionStage<Void> setPaused(String queueId, boolean paused) {
    String key = RedisKeys.queuePaused(queueId);
    if (paused) {
      return RedisCalls.call("pause queue", () -> redis.set(key, "1")).thenApply(ignored -> null);
    }
    return RedisCalls.call("resume queue", () -> redis.del(key)).thenApply(ignored -> null);
  }

  @Override
  public CompletionStage<Void> clearMisses(UUID agentId) {
    return RedisCalls.call("clear misses",
        () -> redis.hdel(RedisKeys.AGENT_MISSES, agentId.toString())).thenApply(ignored -> null);
  }

  @Override
  public CompletionStage<Void> clearAbsent(UUID agentId) {
    return RedisCalls.call("clear absent",
        () -> redis.hdel(RedisKeys.AGENT_ABSENCE, agentId.toString())).thenApply(ignored -> null);
  }

  @Override
  public CompletionStage<Optional<String>> claim(UUID agentId, String queueId,
      UUID conversationId) {
    String[] keys = {RedisKeys.AGENT_STATUS, RedisKeys.AGENT_PROFILE, RedisKeys.AGENT_LOAD,
        RedisKeys.AGENTS_BY_LOAD, RedisKeys.AGENT_PRESENCE, RedisKeys.claims(queueId),
        RedisKeys.claimed(queueId)};
    String claimId = UUID.randomUUID().toString();
    return RedisCalls.call("claim", () -> CLAIM.<Long>eval(
            redis, ScriptOutputType.INTEGER, keys, agentId.toString(), claimId,
            conversationId.toString(), Long.toString(clock.millis())))
        .thenApply(claimed -> claimed == 1L ? Optional.of(claimId) : Optional.empty());
  }

  @Override
  public CompletionStage<Boolean> remove(String queueId, UUID conversationId) {
    String[] keys = {RedisKeys.waiting(queueId), RedisKeys.queueLanguages(queueId)};
    return RedisCalls.call("dequeue", () -> DEQUEUE.<Long>eval(redis, ScriptOutputType.INTEGER,
            keys, conversationId.toString()))
        .thenApply(removed -> removed > 0);
  }

  @Override
  public CompletionStage<Long> position(String queueId, UUID conversationId) {
    String key = RedisKeys.waiting(queueId);
    return RedisCalls.call("queue position", () -> redis.zrank(key, conversationId.toString()))
        .thenApply(rank -> rank == null ? -1L : rank);
  }

  @Override
  public CompletionStage<List<UUID>> waiting(String queueId, int limit) {
    String key = RedisKeys.waiting(queueId);
    return RedisCalls.call("waiting list", () -> redis.zrange(key, 0, limit - 1))
        .thenApply(ids -> ids.stream().map(UUID::fromString).toList());
  }

  /**
   * The sum kept by {@code lib/free_agents.lua} ({@code sb:{routing}:q:<queueId>:capacity}):
   * one GET, whatever the number of agents.
   */
  @Override
  public CompletionStage<Long> onlineCapacity(String queueId) {
    String key = RedisKeys.queueCapacity(queueId);
    return RedisCalls.call("online capacity", () -> redis.get(key))
        .thenApply(total -> total == null ? 0L : Math.max(0L, Long.parseLong(total)));
  }

  @Override
  public CompletionStage<Long> waitingCount(String queueId) {
    String key = RedisKeys.waiting(queueId);
    return RedisCalls.call("waiting count", () -> redis.zcard(key));
  }

  @Override
  public CompletionStage<Integer> load(UUID agentId) {
    return RedisCalls.call("agent load",
            () -> redis.hget(RedisKeys.AGENT_LOAD, agentId.toString()))
        .thenApply(load -> load == null ? 0 : Integer.parseInt(load));
  }

  @Override
  public CompletionStage<String> currentEpoch() {
    String[] keys = {RedisKeys.EPOCH};
    String candidate = UUID.randomUUID().toString();
    return RedisCalls.call("epoch", () -> EPOCH.<String>eval(
        redis, ScriptOutputType.VALUE, keys, candidate));
  }

  @Override
  public CompletionStage<Void> rebuild(List<QueuedEntry> queued, Map<UUID, Integer> agentLoads) {
    Map<String, List<QueuedEntry>> byQueue = new LinkedHashMap<>();
    queued.forEach(entry -> byQueue.computeIfAbsent(RedisKeys.checkQueueId(entry.queueId()),
        q -> new ArrayList<>()).add(entry));
    CompletionStage<Void> chain = CompletableFuture.completedStage(null);
    for (Map.Entry<String, List<QueuedEntry>> queue : byQueue.entrySet()) {
      List<QueuedEntry> entries = queue.getValue();
      for (int from = 0; from < entries.size(); from += REBUILD_BATCH) {
        List<String> args = new ArrayList<>();
        for (QueuedEntry entry : entries.subList(from,
            Math.min(entries.size(), from + REBUILD_BATCH))) {
          args.add(entry.conversationId().toString());
          args.add(Long.toString(score(entry.priority(), entry.enqueuedAt())));
          args.add(primaryLanguage(entry.language()));
        }
        String[] keys = {RedisKeys.waiting(queue.getKey()),
            RedisKeys.queueLanguages(queue.getKey())};
        chain = chain.thenCompose(done -> rebuildBatch(REBUILD_QUEUE, keys, args));
      }
    }
    List<Map.Entry<UUID, Integer>> loads = List.copyOf(agentLoads.entrySet());
    String[] loadKeys = {RedisKeys.AGENT_LOAD, RedisKeys.AGENTS_BY_LOAD, RedisKeys.AGENT_STATUS,
        RedisKeys.AGENT_PROFILE};
    for (int from = 0; from < loads.size(); from += REBUILD_BATCH) {
      List<String> args = new ArrayList<>();
      for (var entry : loads.subList(from, Math.min(loads.size(), from + REBUILD_BATCH))) {
        args.add(Objects.requireNonNull(entry.getKey(), "agentId").toString());
        args.add(Integer.toString(Math.max(0, entry.getValue())));
      }
      chain = chain.thenCompose(done -> rebuildBatch(REBUILD_LOADS, loadKeys, args));
    }
    return chain;
  }

  private CompletionStage<Void> rebuildBatch(RedisScript script, String[] keys,
      List<String> args) {
    return RedisCalls.call("rebuild", () -> script.<Long>eval(
            redis, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new)))
        .thenApply(written -> null);
  }
}
