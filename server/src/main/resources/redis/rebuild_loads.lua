-- rebuild_loads.lua: restores agents' loads after Redis lost its data.
--
-- KEYS[1]  agent loads (sb:{routing}:agents:load)
-- KEYS[2]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[3]  agent statuses (sb:{routing}:agents:status)
-- KEYS[4]  agent profiles (sb:{routing}:agents:profile)
-- ARGV     pairs: agentId, load (the conversations PostgreSQL has assigned to the agent)
--
-- Each load is raised to the given value, never lowered: a node that starts while others route
-- must not undo assignments that are not yet committed in PostgreSQL (after data loss there is
-- nothing to keep). A present agent's score follows, and so do its queues' free sets.
--
-- Returns the number of agents written.

for i = 1, #ARGV - 1, 2 do
  local agentId, load = ARGV[i], tonumber(ARGV[i + 1])
  local current = tonumber(redis.call('HGET', KEYS[1], agentId)) or 0
  if current > load then
    load = current
  end
  redis.call('HSET', KEYS[1], agentId, load)
  redis.call('ZADD', KEYS[2], 'XX', load, agentId)
  refreshFree(KEYS[3], KEYS[4], KEYS[1], agentId)
end
return math.floor(#ARGV / 2)
