-- login_attempt.lua: counts a login attempt against an account and a client address, before the
-- password is checked, and locks either one that went over its limit (read and write).
--
-- KEYS[1]  the account's counter (sb:login:account:<sha256 of the lower-case email>): HASH
--          failures (attempts in the window not proven good), window_end, locked_until, locks
-- KEYS[2]  the address's counter (sb:login:address:<address>): the same fields
-- ARGV[1]  now, epoch ms (the node's clock)
-- ARGV[2]  the window, ms
-- ARGV[3]  attempts allowed per account in a window; ARGV[4] per address
-- ARGV[5]  the first lock, ms; each further lock of the same key doubles it, up to ARGV[6] ms
-- ARGV[7]  how long a key is kept (remembers its locks for the back-off), ms
--
-- Every attempt counts until it proves good (login_success.lua gives it back), so parallel
-- attempts cannot all slip through: at most the limit reach the password check per window.
-- Returns {1, 0, 0} when the attempt may go on, or {0, lockedUntil, locked} when it is refused,
-- where locked is 1 when this very attempt locked the account (2: the address), else 0.

local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local limits = {tonumber(ARGV[3]), tonumber(ARGV[4])}
local base, max, keep = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

for i = 1, 2 do
  local until_ms = tonumber(redis.call('HGET', KEYS[i], 'locked_until') or '0')
  if until_ms > now then
    return {0, until_ms, 0}
  end
end

local refused, locked = 0, 0
for i = 1, 2 do
  local key = KEYS[i]
  local window_end = tonumber(redis.call('HGET', key, 'window_end') or '0')
  if window_end <= now then
    redis.call('HSET', key, 'failures', 0, 'window_end', now + window)
  end
  local failures = redis.call('HINCRBY', key, 'failures', 1)
  if failures > limits[i] then
    local locks = redis.call('HINCRBY', key, 'locks', 1)
    local lock = math.min(base * 2 ^ (locks - 1), max)
    refused = math.max(refused, now + lock)
    if locked == 0 then
      locked = i
    end
    redis.call('HSET', key, 'locked_until', now + lock, 'failures', 0, 'window_end', now + lock)
  end
  redis.call('PEXPIRE', key, keep)
end
if refused > 0 then
  return {0, refused, locked}
end
return {1, 0, 0}
