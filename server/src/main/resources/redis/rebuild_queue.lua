-- rebuild_queue.lua: restores a queue's waiting conversations after Redis lost its data.
--
-- KEYS[1]  the queue's waiting zset (sb:{routing}:q:<queueId>:waiting)
-- KEYS[2]  the queue's language hash (sb:{routing}:q:<queueId>:language)
-- ARGV     triples: conversationId, score, language
--          (score = (9 - priority) * 1e13 + enqueuedAtEpochMillis; language the primary subtag
--          of the conversation's language, or '')
--
-- Each conversation's language is written as enqueue.lua does, and the conversation goes back to
-- the waiting list with its original score. Running it twice is harmless.
--
-- Returns the number of conversations written.

for i = 1, #ARGV - 2, 3 do
  local conversationId, score, language = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if language ~= '' then
    redis.call('HSET', KEYS[2], conversationId, language)
  end
  redis.call('ZADD', KEYS[1], score, conversationId)
end
return math.floor(#ARGV / 3)
