-- Compare-and-delete: removes a device's session only if it is still the registered one, so a late
-- delete of an old session never removes the device's newer session.
-- KEYS[1] user hash
-- ARGV[1] userId, ARGV[2] deviceId, ARGV[3] sessionId, ARGV[4] handler set key prefix
-- Returns 1 when removed, 0 when the device had no session or another one.
local current = redis.call('HGET', KEYS[1], ARGV[2])
if not current then
  return 0
end
local handler, session = string.match(current, '^([^|]+)|([^|]+)|')
if session ~= ARGV[3] then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('SREM', ARGV[4] .. handler, ARGV[1] .. '|' .. ARGV[2] .. '|' .. session)
return 1
