-- rules.lua: writes a queue's routing rules (required skills and languages) for assign.lua.
--
-- KEYS[1]  the queue's rules hash (sb:{routing}:q:<queueId>:rules)
-- ARGV[1]  the required skills, comma-separated (may be empty)
-- ARGV[2]  the queue's languages as primary subtags, comma-separated (may be empty)
-- ARGV[3]  'replace' to overwrite (an admin changed them), 'missing' to write only when the hash
--          does not exist (a node restoring the rules from PostgreSQL after Redis lost them, which
--          must not undo a newer change written meanwhile by another node)
--
-- Both fields are always written, so an existing hash means the rules are known.
--
-- Returns 1 when written, 0 when the hash existed and ARGV[3] is 'missing'.

if ARGV[3] == 'missing' and redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'skills', ARGV[1], 'languages', ARGV[2])
return 1
