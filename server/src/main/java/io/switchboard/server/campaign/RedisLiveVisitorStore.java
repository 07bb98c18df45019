package io.switchboard.server.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The visitors on a site now, in Redis: two keys per site (a sorted set of contact ids by their
 * last report, and a hash of their pages), never a key per visitor. A visitor counts as live for
 * {@link #STALE_AFTER} after their widget last reported; readers prune the rest. Both keys expire
 * an hour after the site's last report.
 *
 * <p>Thread-safe: stateless apart from the shared Lettuce connection.
 */
public final class RedisLiveVisitorStore {
  /** How long a visitor stays live without a report; the widget reports every 30 seconds. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(75);
  /** The most visitors one read returns per site, most recent first. */
  public static final int MAX_PER_SITE = 200;
  private static final long KEY_TTL_SECONDS = 3600;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisClusterAsyncCommands<String, String> redis;
  private final Clock clock;

  public RedisLiveVisitorStore(RedisConnections connections, Clock clock) {
    this.redis = connections.async();
    this.clock = clock;
  }

  /** Records that the visitor is on this page now; keeps the time they arrived on the site. */
  public CompletableFuture<Void> report(String siteId, String contactId, PageVisit visit,
      String title) {
    String seen = RedisKeys.liveVisitors(siteId);
    String pages = RedisKeys.liveVisitorPages(siteId);
    Instant now = clock.instant();
    return RedisCalls.call("read live visitor", () -> redis.zscore(seen, contactId))
        .thenCombine(RedisCalls.call("read live page", () -> redis.hget(pages, contactId)),
            (score, page) -> score != null && now.toEpochMilli() - score.longValue()
                <= STALE_AFTER.toMillis() && page != null ? read(page).path("since").asLong(0) : 0L)
        .thenCompose(since -> {
          ObjectNode page = JSON.createObjectNode()
              .put("url", visit.url())
              .put("title", title)
              .put("language", visit.language())
              .put("visits", visit.visits())
              .put("since", since > 0 ? since : now.toEpochMilli());
          return RedisCalls.call("report live visitor", () -> redis.zadd(seen,
                  now.toEpochMilli(), contactId))
              .thenCompose(added -> RedisCalls.call("store live page", () -> redis.hset(pages,
                  contactId, page.toString())))
              .thenCompose(set -> RedisCalls.call("expire live visitors", () ->
                  redis.expire(seen, KEY_TTL_SECONDS)))
              .thenCompose(set -> RedisCalls.call("expire live pages", () ->
                  redis.expire(pages, KEY_TTL_SECONDS)))
              .thenApply(set -> null);
        });
  }

  /** Whether the visitor reported in recently. */
  public CompletableFuture<Boolean> isLive(String siteId, String contactId) {
    long now = clock.millis();
    return RedisCalls.call("read live visitor", () ->
            redis.zscore(RedisKeys.liveVisitors(siteId), contactId))
        .thenApply(score -> score != null && now - score.longValue() <= STALE_AFTER.toMillis());
  }

  /** The site's live visitors, most recently seen first, at most {@link #MAX_PER_SITE}. */
  public CompletableFuture<List<LiveVisitor>> list(String siteId) {
    String seen = RedisKeys.liveVisitors(siteId);
    String pages = RedisKeys.liveVisitorPages(siteId);
    long cutoff = clock.millis() - STALE_AFTER.toMillis();
    return RedisCalls.call("find stale visitors", () -> redis.zrangebyscore(seen,
            Range.create(0, (double) cutoff)))
        .thenCompose(stale -> stale.isEmpty() ? CompletableFuture.completedFuture(0L)
            : RedisCalls.call("prune stale visitors", () -> redis.zrem(seen,
                stale.toArray(String[]::new)))
                .thenCompose(removed -> RedisCalls.call("prune stale pages", () ->
                    redis.hdel(pages, stale.toArray(String[]::new)))))
        .thenCompose(pruned -> RedisCalls.call("list live visitors", () ->
            redis.zrevrangeWithScores(seen, 0, MAX_PER_SITE - 1)))
        .thenCompose(members -> {
          if (members.isEmpty()) {
            return CompletableFuture.completedFuture(List.<LiveVisitor>of());
          }
          String[] ids = members.stream().map(m -> m.getValue()).toArray(String[]::new);
          return RedisCalls.call("read live pages", () -> redis.hmget(pages, ids))
              .thenApply(values -> {
                List<LiveVisitor> live = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                  KeyValue<String, String> value = values.get(i);
                  if (value.hasValue()) {
                    live.add(visitor(siteId, ids[i], value.getValue(),
                        (long) members.get(i).getScore()));
                  }
                }
                return live;
              });
        });
  }

  private static LiveVisitor visitor(String siteId, String contactId, String json, long seen) {
    JsonNode page = read(json);
    return new LiveVisitor(contactId, siteId, text(page, "url"), text(page, "title"),
        text(page, "language"), page.path("visits").asInt(1),
        Instant.ofEpochMilli(page.path("since").asLong(seen)), Instant.ofEpochMilli(seen));
  }

  private static String text(JsonNode page, String field) {
    JsonNode node = page.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
