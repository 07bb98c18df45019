-- release.lua: frees one unit of an agent's capacity, atomically.
--
-- KEYS[1]  the agent's hash (sb:{routing}:agent:<agentId>): status, capacity, load, queues, node
-- ARGV[1]  the agent id, the member name in the queues' agents zsets
-- ARGV[2]  the routing key prefix (sb:{routing}:); queue zsets are <prefix>q:<queueId>:agents
--
-- Sets load to max(0, load - 1) and updates the agent's score in every queue zset it is a member
-- of (hash field queues). An agent without a hash is left alone.
--
-- Returns the new load (0 for an agent without a hash).

local hash, agentId, prefix = KEYS[1], ARGV[1], ARGV[2]
if redis.call('EXISTS', hash) == 0 then
  return 0
end
local load = tonumber(redis.call('HGET', hash, 'load')) or 0
if load > 0 then
  load = load - 1
end
redis.call('HSET', hash, 'load', load)
local queues = redis.call('HGET', hash, 'queues') or ''
for queueId in string.gmatch(queues, '[^,]+') do
  redis.call('ZADD', prefix .. 'q:' .. queueId .. ':agents', 'XX', load, agentId)
end
return load
