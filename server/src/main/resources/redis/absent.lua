-- absent.lua: remembers since when an agent has been absent (offline), shared by all nodes.
--
-- KEYS[1]  the agent's absence key (sb:{routing}:absent:<agentId>)
-- ARGV[1]  now, in epoch milliseconds
-- ARGV[2]  how long the key lives, in milliseconds (longer than the grace period)
--
-- The first node to see the agent absent stores ARGV[1]; later calls keep that first value.
--
-- Returns the time (epoch milliseconds, as a string) since which the agent has been absent.

local since = redis.call('GET', KEYS[1])
if since then
  return since
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
