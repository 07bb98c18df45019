-- heartbeat.lua: keeps an agent's presence alive, only while it exists, atomically.
--
-- KEYS[1]  the agent's presence key (sb:{routing}:presence:<agentId>), a STRING holding the node id
-- KEYS[2]  the agent's returning key (sb:{routing}:returning:<agentId>)
-- ARGV[1]  the node id holding the agent's session
-- ARGV[2]  the presence TTL in milliseconds
-- ARGV[3]  how long the returning key lives, in milliseconds
--
-- When the presence key exists, it is set to the node id with a fresh TTL and the returning key's
-- TTL is renewed. A missing presence key (the TTL ran out, or Redis lost its data) is not
-- recreated: the caller sets the whole status again (set_status.lua).
--
-- Returns 1 when refreshed, 0 when the presence had expired.

if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
