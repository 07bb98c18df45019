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
 *   <tr><td>{@code sb:q:{queueId}:rules}</td><td>HASH</td>
 *       <td>{@code skills}: the skills an agent needs, comma-separated; {@code languages}: the
 *       primary subtags the queue routes by, comma-separated. Both always present (possibly
 *       empty), so a missing hash means "not known yet", never "no rules".</td></tr>
 *   <tr><td>{@code sb:q:{queueId}:language}</td><td>HASH</td>
 *       <td>Field: a waiting conversation's id. Value: the primary subtag of its language. Written
 *       with the waiting entry ({@code enqueue.lua}, {@code rebuild.lua}), deleted on
 *       assignment.</td></tr>
 *   <tr><td>{@code sb:q:{queueId}:claims}</td><td>HASH</td>
 *       <td>The claim journal. Field: a claim id. Value: {@code conversationId agentId state}, state
 *       {@code claimed} (capacity taken, outcome not settled yet) or {@code released} (the
 *       reconciler gave the capacity back because PostgreSQL had not recorded it; kept ten minutes
 *       in case it is recorded late). Written by {@code assign.lua} and {@code claim.lua},
 *       settled by {@code settle.lua}.</td></tr>
 *   <tr><td>{@code sb:q:{queueId}:claimed}</td><td>ZSET</td>
 *       <td>Member: a claim id of the journal. Score: when it was claimed (or released), epoch
 *       ms; the reconciler reads the entries older than the claim timeout.</td></tr>
 *   <tr><td>{@code sb:agent:{agentId}}</td><td>HASH</td>
 *       <td>{@code status} (online, away or offline), {@code capacity}, {@code load},
 *       {@code queues} (comma-separated queue ids), {@code node} (the node holding the agent's
 *       session), {@code skills} (comma-separated) and {@code languages} (primary subtags,
 *       comma-separated).</td></tr>
 *   <tr><td>{@code sb:presence:{agentId}}</td><td>STRING, TTL</td>
 *       <td>The node id, refreshed by the heartbeat. Its absence means the agent is offline,
 *       whatever the hash says.</td></tr>
 *   <tr><td>{@code sb:node:{nodeId}}</td><td>STRING, TTL</td>
 *       <td>The time the node registered; present while the node is alive.</td></tr>
 * </table>
 *
 * <h2>Eligibility: skills and languages</h2>
 *
 * <p>Eligibility is enforced inside {@code assign.lua}, in the same atomic step that picks the
 * agent and takes their capacity, rather than by keeping a separate set of eligible agents per
 * queue: the script reads the queue's rules hash, each candidate's {@code skills} and
 * {@code languages} fields, and the waiting conversation's language, so a change to any of them
 * applies to the very next pick and there is no derived set that could drift. See
 * {@link Eligibility} for the rule; Java applies the same rule (from PostgreSQL, for a clear error)
 * to transfers to a chosen agent, whose capacity {@code claim.lua} then takes.
 *
 * <p>After Redis loses its data every piece comes back from PostgreSQL: the agent's skills and
 * languages with their status ({@code set_status.lua}, from the agent's current row), each waiting
 * conversation's language with the waiting list ({@code rebuild.lua}), and a queue's rules the
 * first time the assignment script runs for it: without the rules hash it assigns nothing and
 * answers {@code rules_missing}, and the node writes the rules ({@code rules.lua}, only when still
 * missing, so an admin's newer change written meanwhile is never undone) and runs again. So a
 * rule is never skipped, not even for a moment.
 *
 * <p>Pub/sub channels (see {@link io.switchboard.server.bus.MessageBus}) are {@code
 * sb:conv:{conversationId}} and {@code sb:user:{userId}}.
 *
 * <p>Queue ids must not contain a comma. The scripts touch keys they derive from hash fields
 * (an agent's other queues), so the schema targets a single Redis primary (with Sentinel); Redis
 * Cluster would need all routing keys in one hash slot.
 */
package io.switchboard.server.routing;
