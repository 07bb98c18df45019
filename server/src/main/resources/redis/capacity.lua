-- capacity.lua: how many chats the queue's online agents can hold in total (read only).
--
-- KEYS[1]  the queue's agents zset (sb:q:{queueId}:agents)
-- ARGV[1]  the key prefix (sb:); agent keys are {prefix}agent:{agentId} (hash) and
--          {prefix}presence:{agentId}
--
-- Sums the capacity of every member whose presence key exists and whose status is online.
--
-- Returns that sum (0 when nobody is online).

local total = 0
for _, agentId in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. 'presence:' .. agentId) == 1 then
    local fields = redis.call('HMGET', ARGV[1] .. 'agent:' .. agentId, 'status', 'capacity')
    if fields[1] == 'online' then
      total = total + (tonumber(fields[2]) or 0)
    end
  end
end
return total
