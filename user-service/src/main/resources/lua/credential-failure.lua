-- Counts one failed device-credential attempt in a fixed window that starts with the first failure.
--
-- KEYS[1] failure window of the device   {start, count}
-- ARGV[1] now (epoch ms)   ARGV[2] window length (ms)
-- Returns the failures counted in the current window, this one included.

local now = tonumber(ARGV[1])
local length = tonumber(ARGV[2])
local start = tonumber(redis.call('HGET', KEYS[1], 'start') or '-1')
if start < 0 or now - start >= length then
  redis.call('HSET', KEYS[1], 'start', now, 'count', 1)
  redis.call('PEXPIRE', KEYS[1], length)
  return 1
end
return redis.call('HINCRBY', KEYS[1], 'count', 1)
