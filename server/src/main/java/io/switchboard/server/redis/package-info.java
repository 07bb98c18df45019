/**
 * Redis: the connections, the scripts and every key and channel name Switchboard uses.
 *
 * <p>Redis holds only live state that PostgreSQL can rebuild. {@link
 * io.switchboard.server.redis.RedisKeys} builds every key and channel name in Java; this is the
 * one table of them. Every key starts with {@code sb:}; {@code <queueId>}, {@code <agentId>} and
 * the like stand for ids. Every routing and presence key carries the hash tag {@code {routing}},
 * so they all share one hash slot (see below).
 *
 * <table>
 *   <caption>Keys and channels</caption>
 *   <tr><th>key</th><th>type</th><th>content</th><th>written by</th></tr>
 *   <tr><td>{@code sb:{routing}:epoch}</td><td>STRING</td>
 *       <td>A random id written into an empty Redis; a node that sees it change rebuilds the
 *       waiting lists and agent loads from PostgreSQL.</td><td>epoch.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:waiting}</td><td>ZSET</td>
 *       <td>Waiting conversation ids, score {@code (9 - priority) * 1e13 + enqueuedAtMillis}:
 *       highest priority first, then the oldest.</td>
 *       <td>enqueue.lua, dequeue.lua, assign.lua, rebuild.lua, reprioritize</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:language}</td><td>HASH</td>
 *       <td>Waiting conversation id to the primary subtag of its language.</td>
 *       <td>enqueue.lua, dequeue.lua, assign.lua, rebuild.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:agents}</td><td>ZSET</td>
 *       <td>The queue's online and away agents, scored by their load.</td>
 *       <td>set_status.lua, assign.lua, claim.lua, release.lua, settle.lua, rebuild.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:rules}</td><td>HASH</td>
 *       <td>{@code skills} an agent needs and {@code languages} the queue routes by,
 *       comma-separated; both always present, so a missing hash means "not known yet".</td>
 *       <td>rules.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:strategy}</td><td>STRING</td>
 *       <td>{@code round_robin}; absent for least-loaded.</td><td>setRoundRobin</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:paused}</td><td>STRING</td>
 *       <td>Present while the queue is paused.</td><td>setPaused</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:turn}</td><td>STRING</td>
 *       <td>Round-robin turn counter; an agent's last turn in the queue is their hash field
 *       {@code turn:sb:q:<queueId>}.</td><td>assign.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:claims}</td><td>HASH</td>
 *       <td>The claim journal: claim id to {@code conversationId agentId state}, state
 *       {@code claimed} (capacity taken, not settled yet) or {@code released} (given back by
 *       the reconciler because PostgreSQL had not recorded it; kept ten minutes).</td>
 *       <td>assign.lua, claim.lua, settle.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:claimed}</td><td>ZSET</td>
 *       <td>The journal's claim ids scored by when they were claimed (or released), epoch
 *       ms.</td><td>assign.lua, claim.lua, settle.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agent:<agentId>}</td><td>HASH</td>
 *       <td>{@code status}, {@code capacity}, {@code load}, {@code queues}, {@code node},
 *       {@code skills}, {@code languages} and round-robin turns.</td>
 *       <td>set_status.lua, assign.lua, claim.lua, release.lua, settle.lua, rebuild.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:presence:<agentId>}</td><td>STRING, TTL</td>
 *       <td>The node holding the agent; its absence means offline, whatever the hash
 *       says.</td><td>set_status.lua, heartbeat.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:returning:<agentId>}</td><td>STRING, TTL</td>
 *       <td>The status the agent chose, kept the presence TTL plus the grace period: a
 *       reconnect within it restores the status.</td><td>set_status.lua, heartbeat.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:absent:<agentId>}</td><td>STRING, TTL</td>
 *       <td>Since when the agent has been absent, as first seen by any node.</td>
 *       <td>absent.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:misses:<agentId>}</td><td>STRING</td>
 *       <td>Offers the agent let time out in a row.</td><td>missed_offer.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:declined:<conversationId>}</td><td>SET, TTL</td>
 *       <td>Agents the conversation's offer timed out with; assign.lua skips them.</td>
 *       <td>missed_offer.lua</td></tr>
 *   <tr><td>{@code sb:node:<nodeId>}</td><td>STRING, TTL</td>
 *       <td>Present while the node is alive.</td><td>NodeHeartbeat</td></tr>
 *   <tr><td>{@code sb:nodecard:<nodeId>}</td><td>STRING, TTL</td>
 *       <td>The node's address, last beat and connection counts, for the wall.</td>
 *       <td>NodeCardPublisher</td></tr>
 *   <tr><td>{@code sb:conv:<conversationId>}</td><td>channel</td>
 *       <td>The conversation's events for nodes with a follower, as delivery envelopes.</td>
 *       <td>DeliveryService</td></tr>
 *   <tr><td>{@code sb:user:<userId>}</td><td>channel</td>
 *       <td>Events for every session of one user, as delivery envelopes.</td>
 *       <td>DeliveryService</td></tr>
 * </table>
 *
 * <p>Every update that touches more than one key is one Lua script (under {@code
 * resources/redis/}). Each script receives in {@code KEYS} every key whose name the caller can
 * know: all the keys of the queue it works on, and an agent's own keys. The keys it only learns
 * while it runs (the agents of a queue, a waiting conversation's declined set, an agent's other
 * queues) it builds from the routing prefix {@code sb:{routing}:} passed in {@code ARGV}. An
 * agent's load is shared by all the agent's queues and is taken in the same atomic step as a
 * queue's waiting list, so the routing state cannot be split by queue: the hash tag keeps every
 * routing key in one slot, where Redis Cluster runs these scripts (on one shard). Declaring those
 * learned keys in {@code KEYS} too would need a layout with a fixed set of keys per script
 * (agents' fields in a few shared hashes instead of one hash per agent); that is not done.
 */
package io.switchboard.server.redis;
