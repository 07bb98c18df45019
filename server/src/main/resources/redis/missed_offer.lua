-- missed_offer.lua: notes that an agent let the offer of a conversation time out, atomically.
--
-- KEYS[1]  the conversation's declined set (sb:{routing}:declined:<conversationId>): agents assign.lua
--          must not offer it to again
-- KEYS[2]  the agent's missed-offer counter (sb:{routing}:misses:<agentId>)
-- ARGV[1]  the agent id
-- ARGV[2]  how long the declined set lives, in milliseconds
--
-- Returns how many offers in a row the agent has missed, this one included.

redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('INCR', KEYS[2])
