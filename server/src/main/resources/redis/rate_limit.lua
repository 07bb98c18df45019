-- rate_limit.lua: takes one token from each of one or more buckets, atomically, or from none
-- (read and write).
--
-- KEYS[i]  a bucket (sb:{rate}:<limit>:<who>): HASH tokens, at (epoch ms of the last refill)
-- ARGV[1]  now, epoch ms (the node's clock)
-- ARGV[2i], ARGV[2i+1]  bucket i's capacity (the burst) and milliseconds to refill one token
--
-- A bucket starts full and refills one token every interval up to its capacity. When every
-- bucket has a token, one is taken from each and {1, 0} returned; otherwise nothing is taken and
-- {0, ms until the emptiest bucket has a token again} returned.

local now = tonumber(ARGV[1])
local buckets = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity, every = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens, at = tonumber(state[1]), tonumber(state[2])
  if not tokens or not at then
    tokens, at = capacity, now
  end
  -- A bucket filled under a larger capacity (the setting changed) holds no more than this one.
  tokens = math.min(capacity, tokens)
  if now > at then
    local refill = math.floor((now - at) / every)
    if refill > 0 then
      tokens = math.min(capacity, tokens + refill)
      if tokens >= capacity then
        at = now
      else
        at = at + refill * every
      end
    end
  end
  if tokens < 1 then
    wait = math.max(wait, at + every - now, 1)
  end
  buckets[i] = {key, tokens, at, capacity, every}
end
if wait > 0 then
  return {0, wait}
end
for _, b in ipairs(buckets) do
  redis.call('HSET', b[1], 'tokens', b[2] - 1, 'at', b[3])
  redis.call('PEXPIRE', b[1], math.ceil(b[4] * b[5]) + 1000)
end
return {1, 0}
