-- returning.lua: the status an agent may come back to (read only).
--
-- KEYS[1]  returning (sb:{routing}:agents:returning): ZSET, score = may come back until (ms)
-- KEYS[2]  returning statuses (sb:{routing}:agents:returning-status)
-- ARGV[1]  the agent id
--
-- Returns the status (online or away) the agent last chose while they may still come back to it
-- (Redis's clock), otherwise false.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local until_ms = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if not until_ms or until_ms <= now then
  return false
end
return redis.call('HGET', KEYS[2], ARGV[1]) or false
