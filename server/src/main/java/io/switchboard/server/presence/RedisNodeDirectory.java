package io.switchboard.server.presence;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The live nodes with their cards. Which nodes are alive is the {@link NodeRegistry}'s answer; a
 * node's card ({@code sb:nodecard:{nodeId}}, with the same TTL) only adds detail, so a node that
 * dies leaves the list when its registration expires, card or not.
 *
 * <p>Thread-safe: stateless apart from the shared Lettuce connection.
 */
public final class RedisNodeDirectory {
  private final NodeRegistry registry;
  private final RedisClusterAsyncCommands<String, String> redis;

  public RedisNodeDirectory(NodeRegistry registry, RedisConnections connections) {
    this.registry = registry;
    this.redis = connections.async();
  }

  /** Stores the card for {@code ttl}; the node republishes it well before then. */
  public CompletionStage<Void> publish(NodeCard card, Duration ttl) {
    return RedisCalls.call("publish node card", () -> redis.set(RedisKeys.nodeCard(card.nodeId()),
        card.encode(), SetArgs.Builder.px(Math.max(1, ttl.toMillis())))).thenApply(ok -> null);
  }

  public CompletionStage<Void> remove(String nodeId) {
    return RedisCalls.call("remove node card", () -> redis.del(RedisKeys.nodeCard(nodeId)))
        .thenApply(count -> null);
  }

  /** Every live node, by id, with its card where one is published. */
  public CompletionStage<List<NodeCard>> liveNodes() {
    return registry.liveNodes().thenCompose(ids -> {
      List<String> sorted = ids.stream().sorted().toList();
      if (sorted.isEmpty()) {
        return CompletableFuture.completedStage(List.<NodeCard>of());
      }
      String[] keys = sorted.stream().map(RedisKeys::nodeCard).toArray(String[]::new);
      return RedisCalls.call("read node cards", () -> redis.mget(keys)).thenApply(values -> {
        List<NodeCard> cards = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
          String id = sorted.get(i);
          KeyValue<String, String> value = values.get(i);
          cards.add(NodeCard.decode(id, value.hasValue() ? value.getValue() : null)
              .orElse(NodeCard.bare(id)));
        }
        cards.sort(Comparator.comparing(NodeCard::nodeId));
        return cards;
      });
    });
  }
}
