-- heartbeat.lua: keeps an agent's presence alive, only while it lasts, atomically.
--
-- KEYS[1]  presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[2]  returning (sb:{routing}:agents:returning): ZSET, score = may come back until
-- ARGV[1]  the agent id
-- ARGV[2]  the presence TTL in milliseconds
-- ARGV[3]  how long the agent may come back to their status, in milliseconds
--
-- While the agent is present (Redis's clock), presence and return are extended from now. An
-- agent whose presence ran out (or that Redis lost) is not brought back here: the caller sets the
-- whole status again (set_status.lua).
--
-- Returns 1 when refreshed, 0 when the presence had run out.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local until_ms = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if not until_ms or until_ms <= now then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[3]), ARGV[1])
return 1
