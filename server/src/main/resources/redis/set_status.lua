-- set_status.lua: sets an agent's status, capacity, queues, skills and languages, and its
-- presence, atomically.
--
-- KEYS[1]  the agent's hash (sb:{routing}:agent:<agentId>): status, capacity, load, queues, node
-- KEYS[2]  the agent's presence key (sb:{routing}:presence:<agentId>), a STRING holding the node id
-- KEYS[3]  the agent's returning key (sb:{routing}:returning:<agentId>): the status they chose
-- ARGV[1]  the agent id, the member name in the queues' agents zsets
-- ARGV[2]  the status: online, away or offline
-- ARGV[3]  the capacity: the most conversations the agent takes at once
-- ARGV[4]  the agent's queue ids, comma-separated (may be empty)
-- ARGV[5]  the id of the node that holds the agent's session
-- ARGV[6]  the presence TTL in milliseconds
-- ARGV[7]  the routing key prefix (sb:{routing}:); queue zsets are <prefix>q:<queueId>:agents
-- ARGV[8]  the agent's skills, comma-separated (may be empty)
-- ARGV[9]  the primary subtags of the languages the agent speaks, comma-separated (may be empty)
-- ARGV[10] how long the returning key lives, in milliseconds (the presence TTL plus the grace
--          period)
--
-- The existing load is kept (0 when the hash is new). online and away: the presence key is set
-- with the TTL and the agent is a member of every listed queue's agents zset, scored by its load
-- (the assign script skips agents that are not online), and the returning key remembers the status.
-- offline: the presence and returning keys are deleted and the agent leaves those zsets. In every
-- case the agent leaves the zsets of queues it no longer belongs to.
--
-- Returns the agent's load.

local hash, presence, returning = KEYS[1], KEYS[2], KEYS[3]
local agentId, status, capacity, queues, nodeId, ttl, prefix, skills, languages =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8] or '', ARGV[9] or ''

local function split(csv)
  local list = {}
  for id in string.gmatch(csv or '', '[^,]+') do
    list[#list + 1] = id
  end
  return list
end

local function agentsKey(queueId)
  return prefix .. 'q:' .. queueId .. ':agents'
end

local load = tonumber(redis.call('HGET', hash, 'load')) or 0
local listed = split(queues)
local keep = {}
for _, queueId in ipairs(listed) do
  keep[queueId] = true
end
for _, queueId in ipairs(split(redis.call('HGET', hash, 'queues'))) do
  if not keep[queueId] then
    redis.call('ZREM', agentsKey(queueId), agentId)
  end
end

redis.call('HSET', hash, 'status', status, 'capacity', capacity, 'load', load,
  'queues', queues, 'node', nodeId, 'skills', skills, 'languages', languages)

if status == 'offline' then
  redis.call('DEL', presence, returning)
  for _, queueId in ipairs(listed) do
    redis.call('ZREM', agentsKey(queueId), agentId)
  end
else
  redis.call('SET', presence, nodeId, 'PX', ttl)
  redis.call('SET', returning, status, 'PX', ARGV[10])
  for _, queueId in ipairs(listed) do
    redis.call('ZADD', agentsKey(queueId), load, agentId)
  end
end
return load
