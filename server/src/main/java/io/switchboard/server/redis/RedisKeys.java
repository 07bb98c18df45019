package io.switchboard.server.redis;

import java.util.UUID;

/**
 * Builds every Redis key and pub/sub channel name Switchboard uses; the one table of them, with
 * the type and meaning of each, is in {@link io.switchboard.server.redis}. Every Lua script gets
 * all the keys it touches in {@code KEYS}: an agent's routing state lives in a few hashes and
 * sorted sets shared by all agents (field or member: the agent id), so a script's keys never
 * depend on which agents or conversations it meets.
 *
 * <p>Thread-safe: stateless.
 */
public final class RedisKeys {
  /** Every key and channel starts with this. */
  public static final String PREFIX = "sb:";
  /**
   * The start of every routing and presence key. The hash tag puts them all in one hash slot:
   * an agent's load is shared by all the agent's queues and is taken in the same atomic step as a
   * queue's waiting list, so on Redis Cluster the scripts' keys must live together.
   */
  public static final String ROUTING = PREFIX + "{routing}:";
  /** A random id; when it changes or disappears, Redis has lost its data. */
  public static final String EPOCH = ROUTING + "epoch";
  /** HASH agent id to status: online, away or offline. */
  public static final String AGENT_STATUS = ROUTING + "agents:status";
  /**
   * HASH agent id to the agent's routing profile, {@code capacity|skills|languages|queues|node}
   * (skills, primary language subtags and queue ids comma-separated, queues highest priority
   * first). Written only with the status.
   */
  public static final String AGENT_PROFILE = ROUTING + "agents:profile";
  /** HASH agent id to how many conversations the agent holds. */
  public static final String AGENT_LOAD = ROUTING + "agents:load";
  /** ZSET of the present (online or away) agents, scored by their load: least loaded first. */
  public static final String AGENTS_BY_LOAD = ROUTING + "agents:by-load";
  /** ZSET agent id to until when (epoch ms, Redis's clock) the agent is present. */
  public static final String AGENT_PRESENCE = ROUTING + "agents:presence";
  /**
   * ZSET agent id to until when (epoch ms) the agent may come back to their chosen status: the
   * presence TTL plus the grace period past their last heartbeat.
   */
  public static final String AGENT_RETURNING = ROUTING + "agents:returning";
  /** HASH agent id to the status (online or away) the agent last chose. */
  public static final String AGENT_RETURNING_STATUS = ROUTING + "agents:returning-status";
  /** HASH agent id to {@code since|until} (epoch ms): absent since, as first seen by a node. */
  public static final String AGENT_ABSENCE = ROUTING + "agents:absence";
  /** HASH agent id to how many offers in a row the agent let time out. */
  public static final String AGENT_MISSES = ROUTING + "agents:misses";
  private static final String CONVERSATION_CHANNEL = PREFIX + "conv:";
  private static final String USER_CHANNEL = PREFIX + "user:";

  private RedisKeys() {}

  /** ZSET of waiting conversation ids, lowest score first (highest priority, then oldest). */
  public static String waiting(String queueId) {
    return queueKey(queueId, "waiting");
  }

  /** HASH of the queue's routing rules: {@code skills} and {@code languages}, comma-separated. */
  public static String queueRules(String queueId) {
    return queueKey(queueId, "rules");
  }

  /** HASH of the queue's waiting conversations' languages: conversation id to primary subtag. */
  public static String queueLanguages(String queueId) {
    return queueKey(queueId, "language");
  }

  /** STRING {@code round_robin} while the queue routes round-robin; absent for least-loaded. */
  public static String queueStrategy(String queueId) {
    return queueKey(queueId, "strategy");
  }

  /** STRING present while the queue is paused (its conversations are not assigned). */
  public static String queuePaused(String queueId) {
    return queueKey(queueId, "paused");
  }

  /** HASH agent id to the agent's last round-robin turn in the queue. */
  public static String queueTurns(String queueId) {
    return queueKey(queueId, "turns");
  }

  /**
   * ZSET of the queue's declined offers: member {@code conversationId agentId}, scored by until
   * when (epoch ms) the conversation is not offered to that agent again.
   */
  public static String queueDeclined(String queueId) {
    return queueKey(queueId, "declined");
  }

  /**
   * ZSET of the agents free to take the queue's next conversation (online, in the queue, skilled,
   * below capacity), scored by load; kept by the scripts that use {@code lib/free_agents.lua},
   * which build this same name from a queue id.
   */
  public static String queueFree(String queueId) {
    return queueKey(queueId, "free");
  }

  /**
   * STRING, the sum of the capacities of the queue's online, skilled agents (whatever their
   * load), kept by {@code lib/free_agents.lua} with ZSET {@code sb:{routing}:q:<queueId>:staffed}
   * (agent id to capacity).
   */
  public static String queueCapacity(String queueId) {
    return queueKey(queueId, "capacity");
  }

  /** STRING counter of the queue's round-robin turns. */
  public static String queueTurn(String queueId) {
    return queueKey(queueId, "turn");
  }

  /**
   * HASH, the queue's claim journal: claim id to "conversationId agentId state" (state claimed or
   * released), written by {@code assign.lua} and {@code claim.lua}, settled by {@code settle.lua}.
   */
  public static String claims(String queueId) {
    return queueKey(queueId, "claims");
  }

  /** ZSET of the queue's journal entries by when they were claimed (or released), epoch ms. */
  public static String claimed(String queueId) {
    return queueKey(queueId, "claimed");
  }

  /**
   * HASH counting one account's login attempts (its lower-case email's SHA-256 in hex, so the key
   * does not show the email), see {@code login_attempt.lua}. The {@code {login}} hash tag keeps
   * it in one slot with the address keys the same script updates.
   */
  public static String loginAccount(String emailSha256Hex) {
    return PREFIX + "{login}:account:" + emailSha256Hex;
  }

  /** HASH counting one client address's login attempts, see {@code login_attempt.lua}. */
  public static String loginAddress(String address) {
    return PREFIX + "{login}:address:" + address;
  }

  /**
   * HASH, one rate-limit bucket: {@code tokens} and the last refill {@code at} (see {@code
   * rate_limit.lua}); {@code who} is a visitor, user or address. Expires once full again.
   */
  public static String rateBucket(String limit, String who) {
    return PREFIX + "{rate}:" + limit + ":" + who;
  }

  /**
   * ZSET of the contact ids of a site's visitors on the site now, scored by when (epoch ms) their
   * widget last reported in; members past the staleness limit are pruned on read. The key expires
   * an hour after the last report, so a quiet site leaves nothing behind.
   */
  public static String liveVisitors(String siteId) {
    return PREFIX + "{visitors:" + siteId + "}:seen";
  }

  /** HASH contact id to the JSON of the page a live visitor is on; pruned with {@link #liveVisitors}. */
  public static String liveVisitorPages(String siteId) {
    return PREFIX + "{visitors:" + siteId + "}:pages";
  }

  /** Pub/sub channel of one conversation's events: every node with a follower listens. */
  public static String conversationChannel(UUID conversationId) {
    return CONVERSATION_CHANNEL + conversationId;
  }

  /** Pub/sub channel of one user's events (agent or visitor), on whatever node holds them. */
  public static String userChannel(String userId) {
    return USER_CHANNEL + userId;
  }

  /** The conversation a {@link #conversationChannel} is for. */
  public static UUID conversationOfChannel(String channel) {
    return UUID.fromString(channel.substring(CONVERSATION_CHANNEL.length()));
  }

  /** The user a {@link #userChannel} is for. */
  public static String userOfChannel(String channel) {
    return channel.substring(USER_CHANNEL.length());
  }

  /** STRING with a TTL; present while the node is alive. */
  public static String node(String nodeId) {
    return PREFIX + "node:" + checkNodeId(nodeId);
  }

  /** STRING with the node's TTL: its address, last beat and connection counts (for the wall). */
  public static String nodeCard(String nodeId) {
    return PREFIX + "nodecard:" + checkNodeId(nodeId);
  }

  /** The SCAN pattern that matches every node key. */
  public static String nodePattern() {
    return PREFIX + "node:*";
  }

  /** One of the queue's keys: {@code sb:{routing}:q:<queueId>:<what>}. */
  private static String queueKey(String queueId, String what) {
    return ROUTING + "q:" + checkQueueId(queueId) + ":" + what;
  }

  /**
   * Checks that a queue id can be used inside keys and in an agent's profile (comma-separated
   * queues within {@code |}-separated fields).
   *
   * @throws IllegalArgumentException when it is blank or contains a comma or a {@code |}
   */
  public static String checkQueueId(String queueId) {
    if (queueId == null || queueId.isBlank() || queueId.indexOf(',') >= 0
        || queueId.indexOf('|') >= 0) {
      throw new IllegalArgumentException("invalid queue id: " + queueId);
    }
    return queueId;
  }

  /**
   * Checks that a node id is usable in a key.
   *
   * @throws IllegalArgumentException when it is blank or contains a glob character or a {@code |}
   */
  public static String checkNodeId(String nodeId) {
    if (nodeId == null || nodeId.isBlank() || nodeId.matches(".*[*?\\[\\]|].*")) {
      throw new IllegalArgumentException("invalid node id: " + nodeId);
    }
    return nodeId;
  }
}
