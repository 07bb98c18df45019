-- capacity.lua: how many chats the queue's online agents can hold in total (read only).
--
-- KEYS[1]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[2]  presence (sb:{routing}:agents:presence): ZSET, score = present until (epoch ms)
-- KEYS[3]  agent statuses (sb:{routing}:agents:status)
-- KEYS[4]  agent profiles (sb:{routing}:agents:profile): capacity|skills|languages|queues|node
-- KEYS[5]  the queue's rules hash (sb:{routing}:q:<queueId>:rules); field skills lists the
--          required skills (none while the hash is missing)
-- ARGV[1]  the queue id
--
-- Sums the capacity of every present (Redis's clock), online agent whose profile lists the queue
-- and holds every required skill.
--
-- Returns that sum (0 when nobody is online).

local byLoad, presence, statuses, profiles, rules = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local queueId = ARGV[1]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local function set(csv)
  local result = {}
  for item in string.gmatch(csv or '', '[^,]+') do
    result[item] = true
  end
  return result
end

local required = {}
for skill in string.gmatch(redis.call('HGET', rules, 'skills') or '', '[^,]+') do
  required[#required + 1] = skill
end

local total = 0
for _, agentId in ipairs(redis.call('ZRANGE', byLoad, 0, -1)) do
  local until_ms = tonumber(redis.call('ZSCORE', presence, agentId))
  if until_ms and until_ms > now and redis.call('HGET', statuses, agentId) == 'online' then
    local capacity, skills, _, queues = string.match(
      redis.call('HGET', profiles, agentId) or '', '^(%d*)|([^|]*)|([^|]*)|([^|]*)|')
    if queues and string.find(',' .. queues .. ',', ',' .. queueId .. ',', 1, true) then
      local have = set(skills)
      local skilled = true
      for _, skill in ipairs(required) do
        if not have[skill] then
          skilled = false
        end
      end
      if skilled then
        total = total + (tonumber(capacity) or 0)
      end
    end
  end
end
return total
