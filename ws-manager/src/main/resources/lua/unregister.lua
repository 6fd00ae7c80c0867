-- Compare-and-delete: removes a device's session only if it is still the registered one, so a late
-- delete of an old session never removes the device's newer session.
-- When it was the user's last device, the user goes offline, last seen at ARGV[5]: an entry goes to the
-- presence stream (PresenceChange).
-- KEYS[1] user hash, KEYS[2] presence stream
-- ARGV[1] userId, ARGV[2] deviceId, ARGV[3] sessionId, ARGV[4] handler set key prefix,
-- ARGV[5] the session's last activity ms, ARGV[6] presence stream length
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
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'u', ARGV[1], 's', 'off', 't', ARGV[5])
end
return 1
