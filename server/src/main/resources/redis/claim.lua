-- claim.lua: takes one unit of a specific agent's capacity, atomically (transfers and direct
-- assignments).
--
-- KEYS[1]  agent statuses (sb:{routing}:agents:status)
-- KEYS[2]  agent profiles (sb:{routing}:agents:profile): capacity|skills|languages|queues|node
-- KEYS[3]  agent loads (sb:{routing}:agents:load)
-- KEYS[4]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[5]  presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[6]  the claim journal of the conversation's queue (sb:{routing}:q:<queueId>:claims)
-- KEYS[7]  the journal's times (sb:{routing}:q:<queueId>:claimed)
-- ARGV[1]  the agent id
-- ARGV[2]  the claim id, unique
-- ARGV[3]  the conversation the capacity is claimed for
-- ARGV[4]  now on the calling node's clock, epoch ms: the claim's time in the journal
--
-- Succeeds only when the agent is present (Redis's clock), online and below capacity: then the
-- load grows by one (and the agent's score in its queues' free sets, see lib/free_agents.lua) and the claim is written to the journal (see assign.lua), to be settled once
-- PostgreSQL has answered.
--
-- Returns 1 when claimed, 0 when the agent is offline, away or full.

local statuses, profiles, loads, byLoad, presence, claims, claimed =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local agentId, claimId, conversationId, claimedAt = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local until_ms = tonumber(redis.call('ZSCORE', presence, agentId))
if not until_ms or until_ms <= now then
  return 0
end
if redis.call('HGET', statuses, agentId) ~= 'online' then
  return 0
end
local capacity = tonumber(string.match(redis.call('HGET', profiles, agentId) or '', '^(%d+)|'))
  or 0
local load = tonumber(redis.call('HGET', loads, agentId)) or 0
if load >= capacity then
  return 0
end
load = redis.call('HINCRBY', loads, agentId, 1)
redis.call('ZADD', byLoad, 'XX', load, agentId)
refreshFree(statuses, profiles, loads, agentId)
redis.call('HSET', claims, claimId, conversationId .. ' ' .. agentId .. ' claimed')
redis.call('ZADD', claimed, claimedAt, claimId)
return 1
