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
 *       <td>enqueue.lua, dequeue.lua, assign.lua, rebuild_queue.lua, reprioritize</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:language}</td><td>HASH</td>
 *       <td>Waiting conversation id to the primary subtag of its language.</td>
 *       <td>enqueue.lua, dequeue.lua, assign.lua, rebuild_queue.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:rules}</td><td>HASH</td>
 *       <td>{@code skills} an agent needs and {@code languages} the queue routes by,
 *       comma-separated; both always present, so a missing hash means "not known yet".</td>
 *       <td>rules.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:strategy}</td><td>STRING</td>
 *       <td>{@code round_robin}; absent for least-loaded.</td><td>setRoundRobin</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:paused}</td><td>STRING</td>
 *       <td>Present while the queue is paused.</td><td>setPaused</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:turn}</td><td>STRING</td>
 *       <td>Round-robin turn counter.</td><td>assign.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:turns}</td><td>HASH</td>
 *       <td>Agent id to the agent's last round-robin turn in the queue.</td>
 *       <td>assign.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:declined}</td><td>ZSET</td>
 *       <td>Offers that timed out: member {@code conversationId agentId}, scored by until when
 *       (epoch ms) that agent is skipped for that conversation.</td>
 *       <td>missed_offer.lua, assign.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:claims}</td><td>HASH</td>
 *       <td>The claim journal: claim id to {@code conversationId agentId state}, state
 *       {@code claimed} (capacity taken, not settled yet) or {@code released} (given back by
 *       the reconciler because PostgreSQL had not recorded it; kept ten minutes).</td>
 *       <td>assign.lua, claim.lua, settle.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:claimed}</td><td>ZSET</td>
 *       <td>The journal's claim ids scored by when they were claimed (or released), epoch
 *       ms.</td><td>assign.lua, claim.lua, settle.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:free}</td><td>ZSET</td>
 *       <td>The agents free to take the queue's next conversation (online, in the queue, with
 *       its skills, below capacity), scored by load: all assign.lua reads to choose.</td>
 *       <td>lib/free_agents.lua in assign, claim, release, settle, set_status, rules,
 *       rebuild_loads</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:staffed}</td><td>ZSET</td>
 *       <td>The queue's online agents with its skills, whatever their load, scored by
 *       capacity.</td><td>lib/free_agents.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:q:<queueId>:capacity}</td><td>STRING</td>
 *       <td>The sum of the scores above: the queue's chat slots for the wait estimate.</td>
 *       <td>lib/free_agents.lua</td></tr>
 *   <tr><td>{@code sb:{visitors:<siteId>}:seen}</td><td>ZSET</td>
 *       <td>Contact ids of the site's visitors on the site now, scored by their widget's last
 *       report (epoch ms); stale members pruned on read; expires an hour after the last
 *       report.</td><td>RedisLiveVisitorStore</td></tr>
 *   <tr><td>{@code sb:{visitors:<siteId>}:pages}</td><td>HASH</td>
 *       <td>Contact id to the JSON of the live visitor's page (url, title, language, visits,
 *       since); pruned and expiring with the set above.</td><td>RedisLiveVisitorStore</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:status}</td><td>HASH</td>
 *       <td>Agent id to {@code online}, {@code away} or {@code offline}.</td>
 *       <td>set_status.lua, assign.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:profile}</td><td>HASH</td>
 *       <td>Agent id to {@code capacity|skills|languages|queues|node} (lists comma-separated,
 *       languages as primary subtags, queues highest priority first).</td>
 *       <td>set_status.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:load}</td><td>HASH</td>
 *       <td>Agent id to the conversations the agent holds, in all their queues.</td>
 *       <td>set_status.lua, assign.lua, claim.lua, release.lua, settle.lua,
 *       rebuild_loads.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:by-load}</td><td>ZSET</td>
 *       <td>The present (online or away) agents scored by their load: the order assign.lua
 *       offers in.</td>
 *       <td>set_status.lua, assign.lua, claim.lua, release.lua, settle.lua,
 *       rebuild_loads.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:presence}</td><td>ZSET</td>
 *       <td>Agent id scored by until when (epoch ms, Redis's clock) the agent is present; a
 *       past score means offline, whatever the status says.</td>
 *       <td>set_status.lua, heartbeat.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:returning}</td><td>ZSET</td>
 *       <td>Agent id scored by until when the agent may come back to the status they chose
 *       (the presence TTL plus the grace period): a reconnect before then restores it.</td>
 *       <td>set_status.lua, heartbeat.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:returning-status}</td><td>HASH</td>
 *       <td>Agent id to the status (online or away) the agent last chose.</td>
 *       <td>set_status.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:absence}</td><td>HASH</td>
 *       <td>Agent id to {@code since|until} (epoch ms): absent since, as first seen by any
 *       node, kept until the mark is cleared or expires.</td><td>absent.lua</td></tr>
 *   <tr><td>{@code sb:{routing}:agents:misses}</td><td>HASH</td>
 *       <td>Agent id to the offers the agent let time out in a row.</td>
 *       <td>missed_offer.lua, clearMisses</td></tr>
 *   <tr><td>{@code sb:{login}:account:<sha256 of the email>}</td><td>HASH, TTL</td>
 *       <td>An account's sign-in attempts: {@code failures} in the window ending at {@code
 *       window_end}, {@code locked_until} and how many {@code locks} so far (for the back-off);
 *       kept a day.</td><td>login_attempt.lua, login_success.lua, unlock</td></tr>
 *   <tr><td>{@code sb:{login}:address:<address>}</td><td>HASH, TTL</td>
 *       <td>The same for a client address.</td>
 *       <td>login_attempt.lua, login_success.lua</td></tr>
 *   <tr><td>{@code sb:{rate}:<limit>:<who>}</td><td>HASH, TTL</td>
 *       <td>A rate-limit bucket of a visitor, user or address: {@code tokens} left and when it
 *       last refilled ({@code at}); gone once it would be full again.</td>
 *       <td>rate_limit.lua</td></tr>
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
 * resources/redis/}), and every script receives in {@code KEYS} every key it touches: the keys
 * of the one queue it works on and the shared agent hashes and sorted sets above, whose fields
 * or members are agent ids. A script's keys therefore never depend on the agents or
 * conversations it meets while it runs. An agent's load is shared by all the agent's queues and
 * is taken in the same atomic step as a queue's waiting list, so the routing state cannot be
 * split by queue: the hash tag keeps every routing key in one slot, where Redis Cluster runs
 * these scripts (on one shard).
 *
 * <p>On a Redis Cluster ({@link io.switchboard.server.redis.RedisConnections} finds out by
 * itself) the hash tags place the keys: {@code {routing}}, {@code {login}} and {@code {rate}} are
 * one slot each, so each of the three lives on one master (a rate check takes a visitor's and an
 * address's bucket together, a login attempt counts the account and the address together); {@code
 * {visitors:<siteId>}} is one slot per site, spread over the masters; node keys have no tag and
 * spread too, listed with a {@code SCAN} that visits every master. The channels use {@code
 * PUBLISH} and {@code SUBSCRIBE}, which a cluster broadcasts to every master over its bus; Sharded
 * Pub/Sub ({@code SPUBLISH}, Redis 7) would keep a channel's traffic on the master of its slot,
 * but the Redis the embedded server ships is 6.2, which has none.
 */
package io.switchboard.server.redis;
