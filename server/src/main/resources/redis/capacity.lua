-- capacity.lua: how many chats the queue's online agents can hold in total (read only).
--
-- KEYS[1]  the queue's agents zset (sb:{routing}:q:<queueId>:agents)
-- KEYS[2]  the queue's rules hash (sb:{routing}:q:<queueId>:rules); field skills lists the required skills
-- ARGV[1]  the routing key prefix (sb:{routing}:); agent keys are <prefix>agent:<agentId> (hash) and
--          <prefix>presence:<agentId>
--
-- Sums the capacity of every member whose presence key exists, whose status is online and who
-- holds every required skill (all members count while the rules hash is missing).
--
-- Returns that sum (0 when nobody is online).

local required = {}
for skill in string.gmatch(redis.call('HGET', KEYS[2], 'skills') or '', '[^,]+') do
  required[#required + 1] = skill
end

local function skilled(agentSkills)
  local have = {}
  for skill in string.gmatch(agentSkills or '', '[^,]+') do
    have[skill] = true
  end
  for _, skill in ipairs(required) do
    if not have[skill] then
      return false
    end
  end
  return true
end

local total = 0
for _, agentId in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. 'presence:' .. agentId) == 1 then
    local fields = redis.call('HMGET', ARGV[1] .. 'agent:' .. agentId, 'status', 'capacity',
      'skills')
    if fields[1] == 'online' and skilled(fields[3]) then
      total = total + (tonumber(fields[2]) or 0)
    end
  end
end
return total
