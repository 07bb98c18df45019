-- assign.lua: pairs a queue's waiting conversations with its eligible agents, atomically.
--
-- KEYS[1]  the queue's waiting zset (sb:{routing}:q:<queueId>:waiting): conversation ids, lowest score
--          first (highest priority, then oldest)
-- KEYS[2]  the queue's agents zset (sb:{routing}:q:<queueId>:agents): agent ids scored by their load
-- KEYS[3]  the queue's claim journal (sb:{routing}:q:<queueId>:claims): claim id -> "conversationId agentId
--          claimed"
-- KEYS[4]  the journal's times (sb:{routing}:q:<queueId>:claimed): claim id scored by when it was made
-- KEYS[5]  the queue's strategy (sb:{routing}:q:<queueId>:strategy): 'round_robin', or absent for
--          least-loaded
-- KEYS[6]  the queue's pause flag (sb:{routing}:q:<queueId>:paused): present while paused
-- KEYS[7]  the queue's rules hash (sb:{routing}:q:<queueId>:rules), see below
-- KEYS[8]  the queue's language hash (sb:{routing}:q:<queueId>:language), see below
-- KEYS[9]  the queue's round-robin turn counter (sb:{routing}:q:<queueId>:turn)
-- ARGV[1]  the most assignments to make in this call
-- ARGV[2]  the routing key prefix (sb:{routing}:); agent keys are <prefix>agent:<agentId> (hash) and
--          <prefix>presence:<agentId>, queue zsets are <prefix>q:<queueId>:agents
-- ARGV[3]  a token unique to this call; the claims are named <token>:1, <token>:2, ...
-- ARGV[4]  now, in epoch milliseconds
--
-- Repeatedly takes the first waiting conversation and walks the agents from the least loaded
-- (or, when KEYS[5] is 'round_robin', picks the eligible agent whose last turn in this queue, hash
-- field turn:<prefix>q:<queueId>, is the oldest)
-- (skipping agents listed in <prefix>declined:<conversationId>, who let its offer time out):
-- an agent whose presence key is missing is removed from KEYS[2], marked offline in its hash and
-- skipped; an agent whose status is not online is skipped; the first agent whose load is below its
-- capacity gets the conversation. The conversation leaves KEYS[1], the agent's load grows by one
-- and its score is updated in KEYS[2] and in every other queue zset it is a member of (hash field
-- queues). Stops when no conversation or no eligible agent remains, or after ARGV[1] assignments.
-- No agent goes over its capacity and no conversation is handed out twice, because the whole
-- script runs atomically.
--
-- Every pairing is also written to the claim journal (KEYS[3], KEYS[4]) in the same step. The node
-- that ran the script records the assignments in PostgreSQL with their claim ids and then settles
-- them (settle.lua). When the node never learns the pairs (the reply was lost, the node died), the
-- reconciler finds the claims still in the journal after a while and gives back the capacity of
-- each one that PostgreSQL did not record, so no agent's load stays inflated.
--
-- The keys of an agent (<prefix>agent:<agentId>, <prefix>presence:<agentId>), of a conversation
-- (<prefix>declined:<conversationId>) and of the agent's other queues (<prefix>q:<other>:agents)
-- are built from ARGV[2]: which agents and conversations the script reads is only known inside
-- it. Every routing key carries the same hash tag, so they all live in one slot (RedisKeys).
--
-- Eligibility (skills and languages): the queue's rules hash KEYS[7] holds
-- skills (comma-separated, all required) and languages (comma-separated primary subtags). Only an
-- agent whose hash field skills holds every required skill is considered at all. When the
-- conversation's language (KEYS[8], field = conversation id, a primary subtag) is one of the queue's languages, only agents whose hash field languages lists it are
-- offered the conversation. The rules hash is written by every node from PostgreSQL; while it is
-- missing (Redis lost its data) the script assigns nothing, so no rule is ever skipped.
--
-- Returns a flat array: conversationId1, agentId1, claimId1, conversationId2, agentId2, claimId2,
-- ...; or the single element 'rules_missing' when the queue's rules hash does not exist.

local waiting, agents, claims, claimed = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local strategyKey, pausedKey, rulesKey, languageKey, turnKey = KEYS[5], KEYS[6], KEYS[7], KEYS[8],
  KEYS[9]
local limit = tonumber(ARGV[1])
local prefix = ARGV[2]
local token, now = ARGV[3], ARGV[4]
local result = {}
local made = 0
local roundRobin = redis.call('GET', strategyKey) == 'round_robin'
-- An agent's last turn in this queue is the agent hash field named after the queue's waiting key
-- stem (<prefix>q:<queueId>), so each queue keeps its own turns.
local turnField = 'turn:' .. (string.gsub(waiting, ':waiting$', ''))

local function split(csv)
  local set, list = {}, {}
  for item in string.gmatch(csv or '', '[^,]+') do
    set[item] = true
    list[#list + 1] = item
  end
  return set, list
end

-- Set after the pause check: the queue's required skills (a list) and languages (a set).
local required, queueLanguages = {}, {}

-- True when the agent's comma-separated skills hold every required skill.
local function skilled(agentSkills)
  if #required == 0 then
    return true
  end
  local have = split(agentSkills)
  for _, skill in ipairs(required) do
    if not have[skill] then
      return false
    end
  end
  return true
end

-- The first online agent with free capacity and every required skill who speaks the
-- conversation's language (when the queue routes by it) and has not let this conversation's offer
-- time out (<prefix>declined:<conversationId>). The third value says whether any skilled agent had
-- free capacity at all, whatever their languages and declines.
local function chooseAgent(conversationId)
  local declined = prefix .. 'declined:' .. conversationId
  local language = redis.call('HGET', languageKey, conversationId)
  if not (language and queueLanguages[language]) then
    language = nil
  end
  local anyFree = false
  local best, bestHash, bestTurn = nil, nil, nil
  local candidates = redis.call('ZRANGE', agents, 0, -1)
  for _, agentId in ipairs(candidates) do
    local hash = prefix .. 'agent:' .. agentId
    if redis.call('EXISTS', prefix .. 'presence:' .. agentId) == 0 then
      redis.call('ZREM', agents, agentId)
      if redis.call('EXISTS', hash) == 1 then
        redis.call('HSET', hash, 'status', 'offline')
      end
    else
      local fields = redis.call('HMGET', hash, 'status', 'capacity', 'load', turnField, 'skills',
        'languages')
      local capacity = tonumber(fields[2]) or 0
      local load = tonumber(fields[3]) or 0
      if fields[1] == 'online' and load < capacity and skilled(fields[5]) then
        anyFree = true
        local speaks = language == nil or split(fields[6])[language]
        if speaks and redis.call('SISMEMBER', declined, agentId) == 0 then
          if not roundRobin then
            return agentId, hash, true
          end
          -- Round-robin: the eligible agent whose last turn in this queue is the oldest.
          local turn = tonumber(fields[4]) or 0
          if best == nil or turn < bestTurn then
            best, bestHash, bestTurn = agentId, hash, turn
          end
        end
      end
    end
  end
  return best, bestHash, anyFree
end

-- A conversation whose only free skilled agents let it time out or do not speak its language
-- waits; the ones behind it are still
-- served (no head-of-line blocking), scanning at most 100 such conversations per call.
-- A paused queue (KEYS[6] exists) assigns nothing.
if redis.call('EXISTS', pausedKey) == 1 then
  return result
end
if redis.call('EXISTS', rulesKey) == 0 then
  return {'rules_missing'}
end
local rules = redis.call('HMGET', rulesKey, 'skills', 'languages')
local _, requiredList = split(rules[1])
required = requiredList
queueLanguages = split(rules[2])

local skipped = 0
while made < limit and skipped < 100 do
  local head = redis.call('ZRANGE', waiting, skipped, skipped)
  if #head == 0 then
    break
  end
  local agentId, hash, anyFree = chooseAgent(head[1])
  if agentId then
    local conversationId = head[1]
    redis.call('ZREM', waiting, conversationId)
    redis.call('HDEL', languageKey, conversationId)
    local load = redis.call('HINCRBY', hash, 'load', 1)
    redis.call('ZADD', agents, 'XX', load, agentId)
    local queues = redis.call('HGET', hash, 'queues') or ''
    for queueId in string.gmatch(queues, '[^,]+') do
      redis.call('ZADD', prefix .. 'q:' .. queueId .. ':agents', 'XX', load, agentId)
    end
    if roundRobin then
      redis.call('HSET', hash, turnField, redis.call('INCR', turnKey))
    end
    made = made + 1
    local claimId = token .. ':' .. made
    redis.call('HSET', claims, claimId, conversationId .. ' ' .. agentId .. ' claimed')
    redis.call('ZADD', claimed, now, claimId)
    result[#result + 1] = conversationId
    result[#result + 1] = agentId
    result[#result + 1] = claimId
  elseif anyFree then
    skipped = skipped + 1
  else
    break
  end
end
return result
