-- rebuild.lua: restores waiting conversations and agent loads after Redis lost its data.
--
-- KEYS     none; the keys are built from ARGV[1] (the entries span many queues and agents)
-- ARGV[1]  the routing key prefix (sb:{routing}:); waiting zsets are <prefix>q:<queueId>:waiting, agent hashes
--          <prefix>agent:<agentId>, agent zsets <prefix>q:<queueId>:agents
-- ARGV[2]  n, the number of waiting entries that follow
-- ARGV[3 .. 2 + 4n]  n quadruples: queueId, conversationId, score, language
--          (score = (9 - priority) * 1e13 + enqueuedAtEpochMillis; language the primary subtag
--          of the conversation's language, or '')
-- ARGV[3 + 4n ..]    pairs: agentId, load
--
-- Each conversation's language is written to <prefix>q:<queueId>:language (as enqueue.lua does)
-- and the conversation is added to its queue's waiting zset with its original score. Each agent's
-- hash field load is raised to the given value (never lowered) (the hash is created with only that field when missing, so a later
-- set_status keeps the load) and its score is updated in every queue zset it is already a member
-- of (hash field queues).
--
-- Returns the number of waiting entries plus the number of agents written.

local prefix = ARGV[1]
local queued = tonumber(ARGV[2])
local index = 3
for _ = 1, queued do
  local queueId, conversationId, score, language =
    ARGV[index], ARGV[index + 1], ARGV[index + 2], ARGV[index + 3]
  if language ~= '' then
    redis.call('HSET', prefix .. 'q:' .. queueId .. ':language', conversationId, language)
  end
  redis.call('ZADD', prefix .. 'q:' .. queueId .. ':waiting', score, conversationId)
  index = index + 4
end
local agents = 0
while index < #ARGV do
  local agentId, load = ARGV[index], ARGV[index + 1]
  local hash = prefix .. 'agent:' .. agentId
  -- Never lower a load Redis still holds: a node that starts while others route must not undo
  -- assignments that are not yet committed in PostgreSQL. After data loss there is nothing to keep.
  local current = tonumber(redis.call('HGET', hash, 'load') or '0')
  if current > tonumber(load) then
    load = current
  end
  redis.call('HSET', hash, 'load', load)
  local queues = redis.call('HGET', hash, 'queues') or ''
  for queueId in string.gmatch(queues, '[^,]+') do
    redis.call('ZADD', prefix .. 'q:' .. queueId .. ':agents', 'XX', load, agentId)
  end
  agents = agents + 1
  index = index + 2
end
return queued + agents
