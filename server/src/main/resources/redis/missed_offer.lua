-- missed_offer.lua: notes that an agent let the offer of a conversation time out, atomically.
--
-- KEYS[1]  the queue's declined offers (sb:{routing}:q:<queueId>:declined): ZSET, member
--          'conversationId agentId', score = not offered again until (epoch ms)
-- KEYS[2]  missed offers (sb:{routing}:agents:misses): agent id -> offers missed in a row
-- ARGV[1]  the conversation id
-- ARGV[2]  the agent id
-- ARGV[3]  how long the conversation is not offered to the agent again, in milliseconds
--
-- Declined offers whose time is up are dropped on the way (Redis's clock).
--
-- Returns how many offers in a row the agent has missed, this one included.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1] .. ' ' .. ARGV[2])
return redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
