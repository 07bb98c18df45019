-- rules.lua: writes a queue's routing rules (required skills and languages) for assign.lua.
--
-- KEYS[1]  the queue's rules hash (sb:{routing}:q:<queueId>:rules)
-- KEYS[2]  present agents by load (sb:{routing}:agents:by-load)
-- KEYS[3]  agent statuses (sb:{routing}:agents:status)
-- KEYS[4]  agent profiles (sb:{routing}:agents:profile)
-- KEYS[5]  agent loads (sb:{routing}:agents:load)
-- ARGV[1]  the required skills, comma-separated (may be empty)
-- ARGV[2]  the queue's languages as primary subtags, comma-separated (may be empty)
-- ARGV[3]  'replace' to overwrite (an admin changed them), 'missing' to write only when the hash
--          does not exist (a node restoring the rules from PostgreSQL after Redis lost them, which
--          must not undo a newer change written meanwhile by another node)
-- ARGV[4]  the queue id
--
-- Both fields are always written, so an existing hash means the rules are known. Once written,
-- the queue's free set (lib/free_agents.lua) is made again from the present agents, since the
-- required skills decide who is in it: the one step here that reads every present agent, taken
-- only when an admin changes the rules or a node restores them.
--
-- Returns 1 when written, 0 when the hash existed and ARGV[3] is 'missing'.

if ARGV[3] == 'missing' and redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'skills', ARGV[1], 'languages', ARGV[2])
local queueId = ARGV[4]
for _, agentId in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  refreshFree(KEYS[3], KEYS[4], KEYS[5], agentId, queueId)
end
return 1
