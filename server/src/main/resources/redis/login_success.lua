-- login_success.lua: a login proved good (read and write).
--
-- KEYS[1]  the account's counter: cleared, locks and all
-- KEYS[2]  the address's counter: gives back the attempt this login counted
--
-- Returns 1.

redis.call('DEL', KEYS[1])
if tonumber(redis.call('HGET', KEYS[2], 'failures') or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], 'failures', -1)
end
return 1
