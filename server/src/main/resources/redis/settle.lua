-- settle.lua: settles claims of the journal that assign.lua and claim.lua write, atomically.
--
-- KEYS[1]  the queue's claim journal (sb:{routing}:q:<queueId>:claims): claim id -> "conversationId agentId
--          state", state claimed or released
-- KEYS[2]  the journal's times (sb:{routing}:q:<queueId>:claimed): claim id scored by when it
--          was made, or by when it was released
-- KEYS[3]  agent loads (sb:{routing}:agents:load)
-- KEYS[4]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[5]  agent statuses (sb:{routing}:agents:status)
-- KEYS[6]  agent profiles (sb:{routing}:agents:profile)
-- ARGV[1]  now, in epoch milliseconds
-- ARGV[2 ..] pairs: claim id, outcome
--
-- Outcomes, and what each does to an entry that is claimed / released / missing:
--   recorded  PostgreSQL recorded the assignment: the entry goes; the load stays / the load is
--             taken again, since the assignment is real after all / nothing
--   refused   PostgreSQL refused it (closed or taken meanwhile): the load is given back and the
--             entry goes / the entry goes / nothing
--   lost      nobody recorded it in time (the reconciler checked PostgreSQL): the load is given
--             back and the entry stays as released, scored now / nothing / nothing
--   forget    a released entry old enough that nobody can still record it: - / the entry goes / -
-- Giving back sets load to max(0, load - 1); taking again adds one; either way the agent's score
-- among the present agents and in its queues' free sets follows, as release.lua does.
--
-- Returns the number of entries that changed the agent's load.

local claims, claimed, loads, byLoad, now = KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1]

local function moveLoad(agentId, delta)
  local current = tonumber(redis.call('HGET', loads, agentId))
  if not current then
    return
  end
  local load = current + delta
  if load < 0 then
    load = 0
  end
  redis.call('HSET', loads, agentId, load)
  redis.call('ZADD', byLoad, 'XX', load, agentId)
  refreshFree(KEYS[5], KEYS[6], loads, agentId)
end

local function remove(claimId)
  redis.call('HDEL', claims, claimId)
  redis.call('ZREM', claimed, claimId)
end

local changed = 0
for i = 2, #ARGV - 1, 2 do
  local claimId, outcome = ARGV[i], ARGV[i + 1]
  local entry = redis.call('HGET', claims, claimId)
  if entry then
    local conversationId, agentId, state = string.match(entry, '^(%S+) (%S+) (%S+)$')
    if outcome == 'recorded' then
      if state == 'released' then
        moveLoad(agentId, 1)
        changed = changed + 1
      end
      remove(claimId)
    elseif outcome == 'refused' then
      if state == 'claimed' then
        moveLoad(agentId, -1)
        changed = changed + 1
      end
      remove(claimId)
    elseif outcome == 'lost' then
      if state == 'claimed' then
        moveLoad(agentId, -1)
        changed = changed + 1
        redis.call('HSET', claims, claimId, conversationId .. ' ' .. agentId .. ' released')
        redis.call('ZADD', claimed, now, claimId)
      end
    elseif outcome == 'forget' then
      if state == 'released' then
        remove(claimId)
      end
    else
      return redis.error_reply('unknown outcome ' .. outcome)
    end
  end
end
return changed
