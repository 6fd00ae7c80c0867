-- The sessions a handler holds, or none when its lease has expired.
-- KEYS[1] the handler's session set, KEYS[2] lease zset
-- ARGV[1] handlerId, ARGV[2] now ms, ARGV[3] user hash key prefix
-- Returns flat {userId, deviceId, sessionId, connectedAt ms, ...}.
local deadline = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not deadline or tonumber(deadline) < tonumber(ARGV[2]) then
  return {}
end
local result = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local user, device, session = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
  local current = redis.call('HGET', ARGV[3] .. user, device)
  if current then
    local handler, registered, connectedAt = string.match(current, '^([^|]+)|([^|]+)|([^|]+)$')
    if handler == ARGV[1] and registered == session then
      table.insert(result, user)
      table.insert(result, device)
      table.insert(result, session)
      table.insert(result, connectedAt)
    end
  end
end
return result
