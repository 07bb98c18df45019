-- assign.lua: pairs a queue's waiting conversations with its eligible agents, atomically.
--
-- KEYS[1]  the queue's waiting zset (sb:{routing}:q:<queueId>:waiting): conversation ids, lowest
--          score first (highest priority, then oldest)
-- KEYS[2]  the queue's claim journal (sb:{routing}:q:<queueId>:claims): claim id ->
--          "conversationId agentId claimed"
-- KEYS[3]  the journal's times (sb:{routing}:q:<queueId>:claimed): claim id scored by when made
-- KEYS[4]  the queue's strategy (sb:{routing}:q:<queueId>:strategy): 'round_robin', or absent for
--          least-loaded
-- KEYS[5]  the queue's pause flag (sb:{routing}:q:<queueId>:paused): present while paused
-- KEYS[6]  the queue's rules hash (sb:{routing}:q:<queueId>:rules), see below
-- KEYS[7]  the queue's language hash (sb:{routing}:q:<queueId>:language), see below
-- KEYS[8]  the queue's round-robin turn counter (sb:{routing}:q:<queueId>:turn)
-- KEYS[9]  the queue's agents' last turns (sb:{routing}:q:<queueId>:turns): agent id -> turn
-- KEYS[10] the queue's declined offers (sb:{routing}:q:<queueId>:declined): ZSET, member
--          'conversationId agentId', score = not offered again until (epoch ms)
-- KEYS[11] agent statuses (sb:{routing}:agents:status)
-- KEYS[12] agent profiles (sb:{routing}:agents:profile): capacity|skills|languages|queues|node
-- KEYS[13] agent loads (sb:{routing}:agents:load)
-- KEYS[14] present agents by load (sb:{routing}:agents:by-load): ZSET, score = load
-- KEYS[15] presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[16] the queue's free agents (sb:{routing}:q:<queueId>:free): ZSET, score = load, see
--          lib/free_agents.lua (put in front of this script)
-- ARGV[1]  the most assignments to make in this call
-- ARGV[2]  the queue id
-- ARGV[3]  a token unique to this call; the claims are named {token}:1, {token}:2, ...
-- ARGV[4]  now on the calling node's clock, epoch ms: the claims' time, which the node's
--          reconciler compares with the same clock (presence and declines use Redis's clock)
--
-- Repeatedly takes the first waiting conversation and walks the queue's free agents (KEYS[16])
-- from the least loaded (or, when KEYS[4] is 'round_robin', picks the free agent whose last turn
-- in this queue is the oldest). The free set holds only agents that are online, list this queue,
-- hold its skills and are below their capacity, so the walk does not meet agents who are full,
-- away, offline or in other queues: least-loaded takes the first agent that speaks the
-- conversation's language (when the queue routes by it) and has not let its offer time out,
-- usually the first one read. An agent whose presence ran out (Redis's clock) is marked offline
-- and leaves the present agents and every free set on the way. The conversation leaves KEYS[1],
-- the agent's load grows by one (KEYS[13], KEYS[14], and its score in, or its removal from when
-- full, the free set of each of its queues), and the pairing is written to the claim journal
-- (KEYS[2], KEYS[3]). Stops when no conversation or no eligible agent remains, or after ARGV[1]
-- assignments. No agent goes over its capacity and no conversation is handed out twice, because
-- the whole script runs atomically.

-- The node that ran the script records the assignments in PostgreSQL with their claim ids and
-- then settles them (settle.lua). When the node never learns the pairs (the reply was lost, the
-- node died), the reconciler finds the claims still in the journal after a while and gives back
-- the capacity of each one that PostgreSQL did not record, so no agent's load stays inflated.
--
-- Eligibility (skills and languages): the queue's rules hash KEYS[6] holds skills
-- (comma-separated, all required) and languages (comma-separated primary subtags). When the
-- conversation's language (KEYS[7], field = conversation id, a primary subtag) is one of the
-- queue's languages, only agents whose profile lists it are offered the conversation. The rules
-- hash is written by every node from PostgreSQL; while it is missing (Redis lost its data) the
-- script assigns nothing, so no rule is ever skipped.
--
-- Returns a flat array: conversationId1, agentId1, claimId1, conversationId2, agentId2, claimId2,
-- ...; or the single element 'rules_missing' when the queue's rules hash does not exist.

local waiting, claims, claimed, strategyKey, pausedKey, rulesKey, languageKey, turnKey,
  turnsKey, declinedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7],
  KEYS[8], KEYS[9], KEYS[10]
local statuses, profiles, loads, byLoad, presence, free = KEYS[11], KEYS[12], KEYS[13],
  KEYS[14], KEYS[15], KEYS[16]
local limit, queueId, token, claimedAt = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = {}
local made = 0

local function split(csv)
  local set, list = {}, {}
  for item in string.gmatch(csv or '', '[^,]+') do
    set[item] = true
    list[#list + 1] = item
  end
  return set, list
end

-- A paused queue assigns nothing; without its rules it assigns nothing either.
if redis.call('EXISTS', pausedKey) == 1 then
  return result
end
if redis.call('EXISTS', rulesKey) == 0 then
  return {'rules_missing'}
end
local rules = redis.call('HMGET', rulesKey, 'skills', 'languages')
local _, required = split(rules[1])
local queueLanguages = split(rules[2])
local roundRobin = redis.call('GET', strategyKey) == 'round_robin'
redis.call('ZREMRANGEBYSCORE', declinedKey, '-inf', now)

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

-- What does not change while the script runs, per agent, read once per call: false when the
-- agent cannot take this queue's conversations at all (gone, not online, not in the queue,
-- lacking a skill: a free set entry that is out of date), else its capacity, the set of languages
-- it speaks and its queues. An agent whose presence ran out (Redis's clock) is marked offline and
-- leaves the present agents and the free sets when the script ends (not during a scan, which
-- would shift the ranks of the pages still to read); so does an out-of-date entry.
local agentCache = {}
local gone = {}
local stale = {}
local function agentInfo(agentId)
  local info = agentCache[agentId]
  if info ~= nil then
    return info
  end
  info = false
  local until_ms = tonumber(redis.call('ZSCORE', presence, agentId))
  if not until_ms or until_ms <= now then
    gone[#gone + 1] = agentId
    redis.call('HSET', statuses, agentId, 'offline')
  elseif redis.call('HGET', statuses, agentId) == 'online' then
    local capacity, skills, languages, queues = parseProfile(redis.call('HGET', profiles, agentId))
    if listsItem(queues, queueId) and skilled(skills) then
      info = {capacity = capacity, languages = split(languages), queues = queues}
    end
  end
  if not info then
    stale[#stale + 1] = agentId
  end
  agentCache[agentId] = info
  return info
end

-- The agent to offer the conversation, its load, and whether any free agent of the queue could
-- take a conversation at all, whatever their languages and declines. Least-loaded reads the free
-- agents a page at a time and stops at the first that qualifies; round-robin reads them all.
local PAGE = 32
local function chooseAgent(conversationId)
  local language = redis.call('HGET', languageKey, conversationId)
  if not (language and queueLanguages[language]) then
    language = nil
  end
  local anyFree = false
  local best, bestLoad, bestTurn = nil, nil, nil
  local start = 0
  while true do
    local page = redis.call('ZRANGE', free, start, start + PAGE - 1, 'WITHSCORES')
    for i = 1, #page, 2 do
      local agentId = page[i]
      local info = agentInfo(agentId)
      -- The load itself, not the set's score: the capacity check never rests on a copy.
      local load = info and (tonumber(redis.call('HGET', loads, agentId)) or 0)
      if info and load >= info.capacity and not info.full then
        info.full = true
        stale[#stale + 1] = agentId
      end
      if info and load < info.capacity then
        anyFree = true
        local speaks = language == nil or info.languages[language]
        if speaks and not redis.call('ZSCORE', declinedKey, conversationId .. ' ' .. agentId) then
          if not roundRobin then
            return agentId, load, true
          end
          local turn = tonumber(redis.call('HGET', turnsKey, agentId)) or 0
          if best == nil or turn < bestTurn then
            best, bestLoad, bestTurn = agentId, load, turn
          end
        end
      end
    end
    if #page < PAGE * 2 then
      return best, bestLoad, anyFree
    end
    start = start + PAGE
  end
end

-- A conversation whose only free skilled agents let it time out or do not speak its language
-- waits; the ones behind it are still served (no head-of-line blocking), scanning at most 100
-- such conversations per call.
local skipped = 0
while made < limit and skipped < 100 do
  local head = redis.call('ZRANGE', waiting, skipped, skipped)
  if #head == 0 then
    break
  end
  local conversationId = head[1]
  local agentId, _, anyFree = chooseAgent(conversationId)
  if agentId then
    redis.call('ZREM', waiting, conversationId)
    redis.call('HDEL', languageKey, conversationId)
    local load = redis.call('HINCRBY', loads, agentId, 1)
    redis.call('ZADD', byLoad, 'XX', load, agentId)
    local info = agentCache[agentId]
    for agentQueue in string.gmatch(info.queues, '[^,]+') do
      if load >= info.capacity then
        redis.call('ZREM', freeKeyOf(agentQueue), agentId)
      else
        redis.call('ZADD', freeKeyOf(agentQueue), 'XX', load, agentId)
      end
    end
    if roundRobin then
      redis.call('HSET', turnsKey, agentId, redis.call('INCR', turnKey))
    end
    made = made + 1
    local claimId = token .. ':' .. made
    redis.call('HSET', claims, claimId, conversationId .. ' ' .. agentId .. ' claimed')
    redis.call('ZADD', claimed, claimedAt, claimId)
    result[#result + 1] = conversationId
    result[#result + 1] = agentId
    result[#result + 1] = claimId
  elseif anyFree then
    skipped = skipped + 1
  else
    break
  end
end
for _, agentId in ipairs(gone) do
  redis.call('ZREM', byLoad, agentId)
end
for _, agentId in ipairs(stale) do
  refreshFree(statuses, profiles, loads, agentId, queueId)
  refreshFree(statuses, profiles, loads, agentId)
end
return result
