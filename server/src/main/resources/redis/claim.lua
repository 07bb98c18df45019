-- claim.lua: takes one unit of a specific agent's capacity, atomically (used by transfers).
--
-- KEYS[1]  the agent's hash (sb:agent:{agentId}): status, capacity, load, queues, node
-- KEYS[2]  the agent's presence key (sb:presence:{agentId}); its absence means offline
-- ARGV[1]  the agent id, the member name in the queues' agents zsets
-- ARGV[2]  the key prefix (sb:); queue zsets are {prefix}q:{queueId}:agents
--
-- Succeeds only when the agent is present, has status online and load < capacity: then load is
-- raised by one and the agent's score is updated in every queue zset it is a member of.
--
-- Returns 1 when claimed, 0 when the agent is offline, away or full.

local hash, presence, agentId, prefix = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
if redis.call('EXISTS', presence) == 0 then
  return 0
end
if redis.call('HGET', hash, 'status') ~= 'online' then
  return 0
end
local load = tonumber(redis.call('HGET', hash, 'load')) or 0
local capacity = tonumber(redis.call('HGET', hash, 'capacity')) or 0
if load >= capacity then
  return 0
end
load = load + 1
redis.call('HSET', hash, 'load', load)
local queues = redis.call('HGET', hash, 'queues') or ''
for queueId in string.gmatch(queues, '[^,]+') do
  redis.call('ZADD', prefix .. 'q:' .. queueId .. ':agents', 'XX', load, agentId)
end
return 1
