-- absent.lua: remembers since when an agent has been absent (offline), shared by all nodes.
--
-- KEYS[1]  absences (sb:{routing}:agents:absence): agent id -> since|until (epoch ms)
-- ARGV[1]  the agent id
-- ARGV[2]  now, in epoch milliseconds (the calling node's clock)
-- ARGV[3]  how long the note is kept, in milliseconds (longer than the grace period)
--
-- The first node to see the agent absent stores ARGV[2]; later calls keep that first value
-- until it is cleared (the agent came back or was dealt with) or its time is up.
--
-- Returns the time (epoch milliseconds, as a string) since which the agent has been absent.

local now = tonumber(ARGV[2])
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry then
  local since, until_ms = string.match(entry, '^(%d+)|(%d+)$')
  if since and tonumber(until_ms) > now then
    return since
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. tostring(now + tonumber(ARGV[3])))
return ARGV[2]
