-- set_status.lua: sets an agent's status, routing profile and presence, atomically.
--
-- KEYS[1]  agent statuses (sb:{routing}:agents:status): agent id -> online, away or offline
-- KEYS[2]  agent profiles (sb:{routing}:agents:profile): agent id ->
--          capacity|skills|languages|queues|node
-- KEYS[3]  agent loads (sb:{routing}:agents:load): agent id -> conversations held
-- KEYS[4]  present agents by load (sb:{routing}:agents:by-load): ZSET, score = load
-- KEYS[5]  presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[6]  returning (sb:{routing}:agents:returning): ZSET, score = may come back until
-- KEYS[7]  returning statuses (sb:{routing}:agents:returning-status): agent id -> status
-- ARGV[1]  the agent id
-- ARGV[2]  the status: online, away or offline
-- ARGV[3]  the capacity: the most conversations the agent takes at once
-- ARGV[4]  the agent's queue ids, comma-separated, highest priority first (may be empty)
-- ARGV[5]  the id of the node that holds the agent's session
-- ARGV[6]  the presence TTL in milliseconds
-- ARGV[7]  the agent's skills, comma-separated (may be empty)
-- ARGV[8]  the primary subtags of the languages the agent speaks, comma-separated (may be empty)
-- ARGV[9]  how long the agent may come back to the status, in milliseconds (the presence TTL
--          plus the grace period)
--
-- The existing load is kept (0 for a new agent). online and away: the agent is present until
-- now + TTL (Redis's clock), may come back to the status until now + ARGV[9], and is listed by
-- load among the present agents; the assignment script offers conversations only to online ones.
-- offline: presence, return and listing end. The agent serves exactly the queues of its profile:
-- it enters, or leaves, the free set of each queue it had or has (lib/free_agents.lua).
--
-- Returns the agent's load.

local statuses, profiles, loads, byLoad, presence, returning, returningStatus =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local agentId, status = ARGV[1], ARGV[2]

local load = tonumber(redis.call('HGET', loads, agentId))
if not load then
  load = 0
  redis.call('HSET', loads, agentId, 0)
end
local _, _, _, previousQueues = parseProfile(redis.call('HGET', profiles, agentId))
redis.call('HSET', statuses, agentId, status)
redis.call('HSET', profiles, agentId,
  table.concat({ARGV[3], ARGV[7], ARGV[8], ARGV[4], ARGV[5]}, '|'))

if status == 'offline' then
  redis.call('ZREM', presence, agentId)
  redis.call('ZREM', returning, agentId)
  redis.call('HDEL', returningStatus, agentId)
  redis.call('ZREM', byLoad, agentId)
else
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  redis.call('ZADD', presence, now + tonumber(ARGV[6]), agentId)
  redis.call('ZADD', returning, now + tonumber(ARGV[9]), agentId)
  redis.call('HSET', returningStatus, agentId, status)
  redis.call('ZADD', byLoad, load, agentId)
end
refreshFree(statuses, profiles, loads, agentId, previousQueues .. ',' .. ARGV[4])
return load
