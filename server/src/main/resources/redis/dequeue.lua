-- dequeue.lua: takes a conversation out of its queue's waiting list, with its language.
--
-- KEYS[1]  the queue's waiting zset (sb:{routing}:q:<queueId>:waiting)
-- KEYS[2]  the queue's language hash (sb:{routing}:q:<queueId>:language)
-- ARGV[1]  the conversation id
--
-- Returns 1 when the conversation was waiting, 0 when it was not.

redis.call('HDEL', KEYS[2], ARGV[1])
return redis.call('ZREM', KEYS[1], ARGV[1])
