-- free_agents.lua: keeps each queue's set of agents free to take its next conversation. Not a
-- script of its own: RedisScript puts it in front of the scripts that change an agent's load,
-- status, profile or a queue's rules (assign, claim, release, settle, set_status, rules,
-- rebuild_loads), so that each keeps the sets right in the same atomic step.
--
-- sb:{routing}:q:<queueId>:free  ZSET agent id -> load. An agent is in it while its status is
-- online, its profile lists the queue, it holds every skill the queue's rules require (any agent
-- while the rules are unknown: assign.lua assigns nothing then), and its load is below its
-- capacity. Presence running out is noticed by assign.lua when it meets the agent. The assignment
-- script reads only this set, so choosing an agent costs the same whatever the number of agents
-- who are full, away, offline, in other queues or lacking a skill.
--
-- sb:{routing}:q:<queueId>:staffed  ZSET agent id -> capacity, of the agents online in the queue
-- with its skills whatever their load, and sb:{routing}:q:<queueId>:capacity, the sum of those
-- capacities, kept with each change: the queue's chat slots for the wait estimate, read with one
-- GET instead of a walk over every agent.
--
-- The set keys of an agent's queues are named here from the queue ids in its profile, so the
-- scripts do not list them in KEYS: they share the {routing} hash tag with every key in KEYS,
-- which keeps them in the same Redis Cluster slot.

local FREE_PREFIX = 'sb:{routing}:q:'

local function freeKeyOf(queueId)
  return FREE_PREFIX .. queueId .. ':free'
end

-- capacity, skills, languages, queues of a stored profile (capacity|skills|languages|queues|node).
local function parseProfile(profile)
  local capacity, skills, languages, queues = string.match(profile or '',
    '^(%d*)|([^|]*)|([^|]*)|([^|]*)|')
  return tonumber(capacity) or 0, skills or '', languages or '', queues or ''
end

local function listsItem(csv, item)
  return string.find(',' .. csv .. ',', ',' .. item .. ',', 1, true) ~= nil
end

-- Whether skills (comma-separated) hold every skill the queue's rules require.
local function skilledFor(queueId, skills)
  local required = redis.call('HGET', FREE_PREFIX .. queueId .. ':rules', 'skills')
  if not required or required == '' then
    return true
  end
  for skill in string.gmatch(required, '[^,]+') do
    if not listsItem(skills, skill) then
      return false
    end
  end
  return true
end

-- Puts the agent in, or takes it out of, the free set of each queue in queuesCsv (default: the
-- queues of its profile), from its status, profile and load as stored now.
local function refreshFree(statuses, profiles, loads, agentId, queuesCsv)
  local status = redis.call('HGET', statuses, agentId)
  local capacity, skills, _, queues = parseProfile(redis.call('HGET', profiles, agentId))
  local load = tonumber(redis.call('HGET', loads, agentId)) or 0
  for queueId in string.gmatch(queuesCsv or queues, '[^,]+') do
    local staffed = status == 'online' and listsItem(queues, queueId)
      and skilledFor(queueId, skills)
    if staffed and load < capacity then
      redis.call('ZADD', freeKeyOf(queueId), load, agentId)
    else
      redis.call('ZREM', freeKeyOf(queueId), agentId)
    end
    local staffedKey = FREE_PREFIX .. queueId .. ':staffed'
    local before = tonumber(redis.call('ZSCORE', staffedKey, agentId)) or 0
    local after = staffed and capacity or 0
    if after > 0 then
      redis.call('ZADD', staffedKey, after, agentId)
    else
      redis.call('ZREM', staffedKey, agentId)
    end
    if after ~= before then
      redis.call('INCRBY', FREE_PREFIX .. queueId .. ':capacity', after - before)
    end
  end
end
