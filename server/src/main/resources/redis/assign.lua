-- assign.lua: pairs a queue's waiting conversations with its eligible agents, atomically.
--
-- KEYS[1]  the queue's waiting zset (sb:q:{queueId}:waiting): conversation ids, lowest score
--          first (highest priority, then oldest)
-- KEYS[2]  the queue's agents zset (sb:q:{queueId}:agents): agent ids scored by their load
-- ARGV[1]  the most assignments to make in this call
-- ARGV[2]  the key prefix (sb:); agent keys are {prefix}agent:{agentId} (hash) and
--          {prefix}presence:{agentId}, queue zsets are {prefix}q:{queueId}:agents
--
-- Repeatedly takes the first waiting conversation and walks the agents from the least loaded:
-- an agent whose presence key is missing is removed from KEYS[2], marked offline in its hash and
-- skipped; an agent whose status is not online is skipped; the first agent whose load is below its
-- capacity gets the conversation. The conversation leaves KEYS[1], the agent's load grows by one
-- and its score is updated in KEYS[2] and in every other queue zset it is a member of (hash field
-- queues). Stops when no conversation or no eligible agent remains, or after ARGV[1] assignments.
-- No agent goes over its capacity and no conversation is handed out twice, because the whole
-- script runs atomically.
--
-- Returns a flat array: conversationId1, agentId1, conversationId2, agentId2, ...

local waiting, agents = KEYS[1], KEYS[2]
local limit = tonumber(ARGV[1])
local prefix = ARGV[2]
local result = {}
local made = 0

local function chooseAgent()
  local candidates = redis.call('ZRANGE', agents, 0, -1)
  for _, agentId in ipairs(candidates) do
    local hash = prefix .. 'agent:' .. agentId
    if redis.call('EXISTS', prefix .. 'presence:' .. agentId) == 0 then
      redis.call('ZREM', agents, agentId)
      if redis.call('EXISTS', hash) == 1 then
        redis.call('HSET', hash, 'status', 'offline')
      end
    else
      local fields = redis.call('HMGET', hash, 'status', 'capacity', 'load')
      local capacity = tonumber(fields[2]) or 0
      local load = tonumber(fields[3]) or 0
      if fields[1] == 'online' and load < capacity then
        return agentId, hash
      end
    end
  end
  return nil, nil
end

while made < limit do
  local head = redis.call('ZRANGE', waiting, 0, 0)
  if #head == 0 then
    break
  end
  local agentId, hash = chooseAgent()
  if not agentId then
    break
  end
  local conversationId = head[1]
  redis.call('ZREM', waiting, conversationId)
  local load = redis.call('HINCRBY', hash, 'load', 1)
  redis.call('ZADD', agents, 'XX', load, agentId)
  local queues = redis.call('HGET', hash, 'queues') or ''
  for queueId in string.gmatch(queues, '[^,]+') do
    redis.call('ZADD', prefix .. 'q:' .. queueId .. ':agents', 'XX', load, agentId)
  end
  made = made + 1
  result[#result + 1] = conversationId
  result[#result + 1] = agentId
end
return result
