-- claim.lua: takes one unit of a specific agent's capacity, atomically (used by transfers).
--
-- KEYS[1]  the agent's hash (sb:{routing}:agent:<agentId>): status, capacity, load, queues, node
-- KEYS[2]  the agent's presence key (sb:{routing}:presence:<agentId>); its absence means offline
-- KEYS[3]  the claim journal of the conversation's queue (sb:{routing}:q:<queueId>:claims)
-- KEYS[4]  the journal's times (sb:{routing}:q:<queueId>:claimed)
-- ARGV[1]  the agent id, the member name in the queues' agents zsets
-- ARGV[2]  the routing key prefix (sb:{routing}:); queue zsets are <prefix>q:<queueId>:agents
-- ARGV[3]  the claim id, unique
-- ARGV[4]  the conversation the capacity is claimed for
-- ARGV[5]  now, in epoch milliseconds
--
-- Succeeds only when the agent is present, has status online and load < capacity: then load is
-- raised by one, the agent's score is updated in every queue zset it is a member of, and the claim
-- is written to the journal (see assign.lua), to be settled once PostgreSQL has answered.
--
-- Returns 1 when claimed, 0 when the agent is offline, away or full.

local hash, presence, claims, claimed = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local agentId, prefix, claimId, conversationId, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
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
redis.call('HSET', claims, claimId, conversationId .. ' ' .. agentId .. ' claimed')
redis.call('ZADD', claimed, now, claimId)
return 1
