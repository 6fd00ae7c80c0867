-- Registers a device's session, atomically replacing the device's previous session wherever it was.
-- Layout: user hash {deviceId -> "handlerId|sessionId|connectedAtMs"}, handler set {"userId|deviceId|sessionId"},
-- lease zset {handlerId -> deadline ms}. Handler set keys are derived here (prefix .. handlerId) because the
-- previous handler is only known inside the script; the registry runs on one Redis primary, not a cluster.
-- A user with no device registered before comes online: an entry goes to the presence stream (PresenceChange).
-- KEYS[1] user hash, KEYS[2] the new handler's session set, KEYS[3] lease zset, KEYS[4] presence stream
-- ARGV[1] userId, ARGV[2] deviceId, ARGV[3] handlerId, ARGV[4] sessionId, ARGV[5] connectedAt ms,
-- ARGV[6] handler set key prefix, ARGV[7] lease deadline given to a handler that has none yet,
-- ARGV[8] presence stream length
-- Returns {} when nothing was replaced, {previousHandlerId, previousSessionId} when it replaced that session,
-- {'newer', handlerId, sessionId} when the device's current session began after this one: a registration
-- that arrives late (its handler gave up waiting and closed the connection) must not push out the
-- connection the device opened since. Nothing is written then.
local user, device, handler, session = ARGV[1], ARGV[2], ARGV[3], ARGV[4]

local replaced = {}
local previous = redis.call('HGET', KEYS[1], device)
if previous then
  local oldHandler, oldSession, oldAt = string.match(previous, '^([^|]+)|([^|]+)|([^|]+)$')
  if oldHandler == handler and oldSession == session then
    return replaced -- a retried registration: keep the original connectedAt
  end
  if tonumber(oldAt) > tonumber(ARGV[5]) then
    return {'newer', oldHandler, oldSession}
  end
  redis.call('SREM', ARGV[6] .. oldHandler, user .. '|' .. device .. '|' .. oldSession)
  replaced = {oldHandler, oldSession}
end
-- A handler that registers without a lease gets one TTL of grace; if it never renews, the reaper removes it.
redis.call('ZADD', KEYS[3], 'NX', ARGV[7], handler)
if not previous and redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[8], '*', 'u', user, 's', 'on', 't', ARGV[5])
end
redis.call('HSET', KEYS[1], device, handler .. '|' .. session .. '|' .. ARGV[5])
redis.call('SADD', KEYS[2], user .. '|' .. device .. '|' .. session)
return replaced
