-- One chunk of a reconciliation (SessionRegistry.reconcile): (re)registers sessions a handler reports
-- holding. A listed session is registered unless its device is registered to another session on a live
-- handler: then the listed one is stale (its CloseSession was lost) and is returned so it gets closed.
-- A chunk at a time (at most a few hundred sessions), so Redis is never blocked for long.
-- A user with no device registered before comes online: an entry goes to the presence stream.
-- KEYS[1] the handler's session set, KEYS[2] lease zset, KEYS[3] presence stream
-- ARGV[1] handlerId, ARGV[2] handler set key prefix, ARGV[3] user hash key prefix, ARGV[4] now ms,
-- ARGV[5] lease deadline for a handler without a lease, ARGV[6] presence stream length,
-- then per session 4 values from ARGV[7] on: userId, deviceId, sessionId, connectedAt ms
-- Returns the stale sessions flat: {userId, deviceId, sessionId, ...}.
local handler, handlerPrefix, userPrefix, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local FIRST = 7
redis.call('ZADD', KEYS[2], 'NX', ARGV[5], handler)

local stale = {}
for i = FIRST, #ARGV, 4 do
  local user, device, session, connectedAt = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local member = user .. '|' .. device .. '|' .. session
  local keep = true
  local current = redis.call('HGET', userPrefix .. user, device)
  if current then
    local other, otherSession, otherAt = string.match(current, '^([^|]+)|([^|]+)|([^|]+)$')
    if other == handler and otherSession == session then
      connectedAt = otherAt
    else
      local deadline = redis.call('ZSCORE', KEYS[2], other)
      local live = other == handler or (deadline and tonumber(deadline) >= now)
      if other ~= handler and live then
        keep = false
      else
        -- The entry is ours (an older session of the device) or on a dead handler: the listed one wins.
        redis.call('SREM', handlerPrefix .. other, user .. '|' .. device .. '|' .. otherSession)
      end
    end
  end
  if keep then
    if not current and redis.call('HLEN', userPrefix .. user) == 0 then
      redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'u', user, 's', 'on', 't', connectedAt)
    end
    redis.call('HSET', userPrefix .. user, device, handler .. '|' .. session .. '|' .. connectedAt)
    redis.call('SADD', KEYS[1], member)
  else
    redis.call('SREM', KEYS[1], member)
    table.insert(stale, user)
    table.insert(stale, device)
    table.insert(stale, session)
  end
end
return stale
