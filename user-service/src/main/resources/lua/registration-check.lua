-- Checks a submitted registration code and, if it matches, consumes it (single use; the send time
-- stays for the resend cool-down). Wrong codes are counted; once the limit is reached the code is
-- burnt and even the right code is refused.
--
-- KEYS[1] code hash of the number   {hash, expiresAt, sentAt, attempts}
-- ARGV[1] now (epoch ms)   ARGV[2] hash of the submitted code   ARGV[3] wrong attempts allowed
-- Returns {status, wrongAttempts}: 0 accepted, 1 wrong, 2 burnt, 3 expired or never sent.

local stored = redis.call('HGET', KEYS[1], 'hash')
if not stored then
  return {3, 0}
end
local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) <= tonumber(ARGV[1]) then
  return {3, attempts}
end
local allowed = tonumber(ARGV[3])
if attempts >= allowed then
  return {2, attempts}
end
if stored == ARGV[2] then
  redis.call('HDEL', KEYS[1], 'hash', 'expiresAt', 'attempts')
  return {0, attempts}
end
attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= allowed then
  return {2, attempts}
end
return {1, attempts}
