-- Makes the registry agree with the full list of sessions a handler reports holding: heals registrations
-- and deletes that were lost while ws-manager or Redis was unreachable.
--  * an entry of this handler that is not in the list is removed (compare-and-delete), unless it was
--    registered after the cutoff: its registration may have raced the handler's snapshot of the list;
--  * a listed session is (re)registered unless its device is registered to another session on a live
--    handler: then the listed one is stale (its CloseSession was lost) and is returned so it gets closed.
-- KEYS[1] the handler's session set, KEYS[2] lease zset
-- ARGV[1] handlerId, ARGV[2] user hash key prefix, ARGV[3] handler set key prefix, ARGV[4] now ms,
-- ARGV[5] lease deadline for a handler without a lease, ARGV[6] cutoff ms (see above),
-- then per session 4 values from ARGV[7] on: userId, deviceId, sessionId, connectedAt ms
-- Returns the stale sessions flat: {userId, deviceId, sessionId, ...}.
local handler, userPrefix, handlerPrefix, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local cutoff = tonumber(ARGV[6])
local FIRST = 7
redis.call('ZADD', KEYS[2], 'NX', ARGV[5], handler)

local listed = {}
for i = FIRST, #ARGV, 4 do
  listed[ARGV[i] .. '|' .. ARGV[i + 1] .. '|' .. ARGV[i + 2]] = true
end

-- 1. Entries the registry holds for this handler that the handler no longer has.
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not listed[member] then
    local user, device, session = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
    local current = redis.call('HGET', userPrefix .. user, device)
    local other, otherSession, otherAt
    if current then
      other, otherSession, otherAt = string.match(current, '^([^|]+)|([^|]+)|([^|]+)$')
    end
    if other == handler and otherSession == session then
      if tonumber(otherAt) < cutoff then
        redis.call('HDEL', userPrefix .. user, device)
        redis.call('SREM', KEYS[1], member)
      end
    else
      redis.call('SREM', KEYS[1], member)
    end
  end
end

-- 2. Sessions the handler has.
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
