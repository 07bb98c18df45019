-- enqueue.lua: puts a conversation into its queue's waiting list, with its language, atomically.
--
-- KEYS[1]  the queue's waiting zset (sb:{routing}:q:<queueId>:waiting)
-- KEYS[2]  the queue's language hash (sb:{routing}:q:<queueId>:language): conversation id -> the primary
--          subtag of the conversation's language
-- ARGV[1]  the score: (9 - priority) * 1e13 + enqueuedAtEpochMillis
-- ARGV[2]  the conversation id
-- ARGV[3]  the primary language subtag (zh for zh-CN), or '' when the conversation has none
--
-- The language is written before the conversation becomes visible in KEYS[1], so the assign
-- script never sees the conversation without it. A conversation already waiting keeps its score.
--
-- Returns 1 when the conversation was added, 0 when it was already waiting.

if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
else
  redis.call('HDEL', KEYS[2], ARGV[2])
end
return redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
