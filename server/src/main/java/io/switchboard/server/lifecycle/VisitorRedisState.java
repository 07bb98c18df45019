package io.switchboard.server.lifecycle;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.lifecycle.PersonalData;
import java.util.UUID;

/**
 * Removes a visitor's live state from Redis: their entry among the site's live visitors and the
 * page they were on (campaigns), and their rate-limit buckets. Routing state exists only for open
 * conversations, which an erasure refuses, and agent presence is about staff, not visitors.
 *
 * <p>Thread-safe; every call blocks (run it off the event loops).
 */
final class VisitorRedisState {
  private static final int SCAN_COUNT = 500;

  private final RedisConnections redis;

  VisitorRedisState(RedisConnections redis) {
    this.redis = redis;
  }

  /** Removes everything that names one of the person's contacts; answers how many entries went. */
  long erase(PersonalData person) {
    RedisClusterCommands<String, String> commands = redis.sync();
    String[] ids = person.contactIds().stream().map(UUID::toString).toArray(String[]::new);
    long removed = 0;
    for (String site : person.siteIds()) {
      removed += commands.zrem(RedisKeys.liveVisitors(site), ids);
      removed += commands.hdel(RedisKeys.liveVisitorPages(site), ids);
    }
    for (String id : ids) {
      // Rate buckets are named sb:{rate}:<limit>:<who>; the contact id is the visitor's "who".
      ScanArgs args = ScanArgs.Builder.matches(RedisKeys.rateBucket("*", id)).limit(SCAN_COUNT);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands.scan(cursor, args);
        if (!page.getKeys().isEmpty()) {
          removed += commands.del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    return removed;
  }
}
