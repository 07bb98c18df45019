/**
 * Routing: queues of waiting conversations and their atomic assignment to agents, in Redis.
 *
 * <p>Redis holds only live state that can be rebuilt from PostgreSQL. The Lua scripts only
 * choose who gets a conversation; the assignment itself is a transition checked in PostgreSQL.
 *
 * <p>The keys and scripts are listed in one table, in {@link io.switchboard.server.redis}.
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
 * conversation's language with the waiting list ({@code rebuild_queue.lua}), the agents' loads
 * from their open conversations ({@code rebuild_loads.lua}), and a queue's rules the
 * first time the assignment script runs for it: without the rules hash it assigns nothing and
 * answers {@code rules_missing}, and the node writes the rules ({@code rules.lua}, only when still
 * missing, so an admin's newer change written meanwhile is never undone) and runs again. So a
 * rule is never skipped, not even for a moment.
 *
 */
package io.switchboard.server.routing;
