package io.switchboard.server.redis;

import java.util.UUID;

/**
 * Builds every Redis key and pub/sub channel name Switchboard uses; the one table of them, with
 * the type and meaning of each, is in {@link io.switchboard.server.redis}. Lua scripts get their
 * keys in {@code KEYS}, and build from {@link #PREFIX} (passed as an argument) only those they
 * learn while running.
 *
 * <p>Thread-safe: stateless.
 */
public final class RedisKeys {
  /** Every key and channel starts with this. */
  public static final String PREFIX = "sb:";
  /**
   * The start of every routing and presence key. The hash tag puts them all in one hash slot:
   * an agent's load is shared by all the agent's queues and is taken in the same atomic step as a
   * queue's waiting list, so on Redis Cluster the scripts' keys must live together. The scripts
   * that learn keys while running build them from this prefix.
   */
  public static final String ROUTING = PREFIX + "{routing}:";
  /** A random id; when it changes or disappears, Redis has lost its data. */
  public static final String EPOCH = ROUTING + "epoch";
  private static final String CONVERSATION_CHANNEL = PREFIX + "conv:";
  private static final String USER_CHANNEL = PREFIX + "user:";

  private RedisKeys() {}

  /** ZSET of waiting conversation ids, lowest score first (highest priority, then oldest). */
  public static String waiting(String queueId) {
    return queueKey(queueId, "waiting");
  }

  /** ZSET of the queue's agent ids scored by their current load. */
  public static String queueAgents(String queueId) {
    return queueKey(queueId, "agents");
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

  /** HASH with the agent's status, capacity, load, queues, node, skills and languages. */
  public static String agent(UUID agentId) {
    return ROUTING + "agent:" + agentId;
  }

  /** STRING holding the node id that serves the agent, with a TTL; absent means offline. */
  public static String presence(UUID agentId) {
    return ROUTING + "presence:" + agentId;
  }

  /**
   * STRING holding the status (online or away) the agent last chose, living the presence TTL plus
   * the grace period past their last heartbeat: an agent who reconnects while it exists gets that
   * status back. Absent after they chose offline.
   */
  public static String returning(UUID agentId) {
    return ROUTING + "returning:" + agentId;
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

  /** STRING with a TTL: since when (epoch ms) the agent has been absent, as first seen by a node. */
  public static String absent(UUID agentId) {
    return ROUTING + "absent:" + agentId;
  }

  /** STRING counter of the offers the agent let time out in a row. */
  public static String misses(UUID agentId) {
    return ROUTING + "misses:" + agentId;
  }

  /** SET with a TTL: the agents whose offer of the conversation timed out. */
  public static String declined(UUID conversationId) {
    return ROUTING + "declined:" + conversationId;
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
   * Checks that a queue id can be used inside keys and in the comma-separated {@code queues} field.
   *
   * @throws IllegalArgumentException when it is blank or contains a comma
   */
  public static String checkQueueId(String queueId) {
    if (queueId == null || queueId.isBlank() || queueId.indexOf(',') >= 0) {
      throw new IllegalArgumentException("invalid queue id: " + queueId);
    }
    return queueId;
  }

  /**
   * Checks that a node id is usable in a key.
   *
   * @throws IllegalArgumentException when it is blank or contains a glob character
   */
  public static String checkNodeId(String nodeId) {
    if (nodeId == null || nodeId.isBlank() || nodeId.matches(".*[*?\\[\\]].*")) {
      throw new IllegalArgumentException("invalid node id: " + nodeId);
    }
    return nodeId;
  }
}
