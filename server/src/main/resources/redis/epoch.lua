-- epoch.lua: returns the Redis epoch, creating it when missing.
--
-- The epoch is a random id written once into an empty Redis. A node remembers the value it saw;
-- when a later call returns another value, Redis has lost its data and the node rebuilds the live
-- state from PostgreSQL.
--
-- KEYS[1]  the epoch key (sb:{routing}:epoch), a STRING
-- ARGV[1]  a fresh random id, stored only when KEYS[1] does not exist
--
-- Returns the stored epoch: the existing value, or ARGV[1] when it was just created.

local current = redis.call('GET', KEYS[1])
if current then
  return current
end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
