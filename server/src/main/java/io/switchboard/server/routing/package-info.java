/**
 * Routing: queues of waiting conversations and their atomic assignment to agents, in Redis.
 *
 * <p>Redis holds only live state that can be rebuilt from PostgreSQL. The Lua scripts only
 * choose who gets a conversation; the assignment itself is a transition checked in PostgreSQL.
 *
 * <h2>Redis key schema</h2>
 *
 * <p>Every key starts with {@code sb:}. {@link io.switchboard.server.redis.RedisKeys} builds them
 * in Java; the Lua scripts under {@code resources/redis/} build the same keys from the prefix they
 * receive as an argument.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>type</th><th>content</th></tr>
 *   <tr><td>{@code sb:epoch}</td><td>STRING</td>
 *       <td>A random id written into an empty Redis. A node that sees it changed or missing knows
 *       Redis lost its data and rebuilds the waiting queues and agent loads.</td></tr>
 *   <tr><td>{@code sb:q:{queueId}:waiting}</td><td>ZSET</td>
 *       <td>Member: conversation id. Score: {@code (9 - priority) * 1e13 + enqueuedAtEpochMillis},
 *       priority clamped to 0..9, so the highest priority comes first, then the oldest.</td></tr>
 *   <tr><td>{@code sb:q:{queueId}:agents}</td><td>ZSET</td>
 *       <td>Member: agent id. Score: the agent's current load, so the least loaded comes first.
 *       Online and away agents are members; offline ones are not.</td></tr>
 *   <tr><td>{@code sb:agent:{agentId}}</td><td>HASH</td>
 *       <td>{@code status} (online, away or offline), {@code capacity}, {@code load},
 *       {@code queues} (comma-separated queue ids) and {@code node} (the node holding the agent's
 *       session).</td></tr>
 *   <tr><td>{@code sb:presence:{agentId}}</td><td>STRING, TTL</td>
 *       <td>The node id, refreshed by the heartbeat. Its absence means the agent is offline,
 *       whatever the hash says.</td></tr>
 *   <tr><td>{@code sb:node:{nodeId}}</td><td>STRING, TTL</td>
 *       <td>The time the node registered; present while the node is alive.</td></tr>
 * </table>
 *
 * <p>Pub/sub channels (see {@link io.switchboard.server.bus.MessageBus}) are {@code
 * sb:conv:{conversationId}} and {@code sb:user:{userId}}.
 *
 * <p>Queue ids must not contain a comma. The scripts touch keys they derive from hash fields
 * (an agent's other queues), so the schema targets a single Redis primary (with Sentinel); Redis
 * Cluster would need all routing keys in one hash slot.
 */
package io.switchboard.server.routing;
