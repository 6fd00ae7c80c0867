-- Stores a new registration code if the resend cool-down and both rate limits allow it: all checks
-- and writes in one step, so replicas and concurrent requests cannot slip past a limit.
-- Windows are fixed and start with their first code; times come from the caller's clock.
--
-- KEYS[1] code hash of the number   {hash, expiresAt, sentAt, attempts}
-- KEYS[2] window of the number      {start, count}
-- KEYS[3] window of the client IP   {start, count}
-- ARGV[1] now (epoch ms)   ARGV[2] resend cool-down (ms)
-- ARGV[3] number limit     ARGV[4] number window (ms)
-- ARGV[5] IP limit         ARGV[6] IP window (ms)
-- ARGV[7] code hash        ARGV[8] code expires at (epoch ms)   ARGV[9] code key TTL (ms)
-- Returns {status, retryAfterMs}: 0 stored, 1 resend too soon, 2 number limit, 3 IP limit.

local now = tonumber(ARGV[1])

-- Count used in the window at key, and when that window ends (0 when no window is open).
local function window(key, length)
  local start = tonumber(redis.call('HGET', key, 'start') or '-1')
  if start < 0 or now - start >= length then
    return 0, 0
  end
  return tonumber(redis.call('HGET', key, 'count') or '0'), start + length
end

local function hit(key, length)
  local count, ends = window(key, length)
  if count == 0 then
    redis.call('HSET', key, 'start', now, 'count', 1)
    redis.call('PEXPIRE', key, length)
  else
    redis.call('HINCRBY', key, 'count', 1)
  end
end

local sentAt = tonumber(redis.call('HGET', KEYS[1], 'sentAt') or '-1')
local cooldown = tonumber(ARGV[2])
if sentAt >= 0 and now - sentAt < cooldown then
  return {1, sentAt + cooldown - now}
end

local numberCount, numberEnds = window(KEYS[2], tonumber(ARGV[4]))
if numberCount >= tonumber(ARGV[3]) then
  return {2, numberEnds - now}
end
local ipCount, ipEnds = window(KEYS[3], tonumber(ARGV[6]))
if ipCount >= tonumber(ARGV[5]) then
  return {3, ipEnds - now}
end

hit(KEYS[2], tonumber(ARGV[4]))
hit(KEYS[3], tonumber(ARGV[6]))
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'hash', ARGV[7], 'expiresAt', ARGV[8], 'sentAt', now, 'attempts', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[9])
return {0, 0}
