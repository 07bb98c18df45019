-- presence.lua: an agent's status as it is now (read only).
--
-- KEYS[1]  presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[2]  agent statuses (sb:{routing}:agents:status)
-- ARGV[1]  the agent id
--
-- Returns the stored status while the agent is present (Redis's clock), otherwise 'offline',
-- whatever the status hash says.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local until_ms = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if not until_ms or until_ms <= now then
  return 'offline'
end
return redis.call('HGET', KEYS[2], ARGV[1]) or 'offline'
