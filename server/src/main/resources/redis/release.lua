-- release.lua: frees one unit of an agent's capacity, atomically.
--
-- KEYS[1]  agent loads (sb:{routing}:agents:load): agent id -> conversations held
-- KEYS[2]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[3]  agent statuses (sb:{routing}:agents:status)
-- KEYS[4]  agent profiles (sb:{routing}:agents:profile)
-- ARGV[1]  the agent id
--
-- Sets the load to max(0, load - 1) and, when the agent is present, its score. An agent Redis does
-- not know is left alone.
--
-- Returns the new load (0 for an unknown agent).

local load = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
if not load then
  return 0
end
if load > 0 then
  load = load - 1
end
redis.call('HSET', KEYS[1], ARGV[1], load)
redis.call('ZADD', KEYS[2], 'XX', load, ARGV[1])
refreshFree(KEYS[3], KEYS[4], KEYS[1], ARGV[1])
return load
