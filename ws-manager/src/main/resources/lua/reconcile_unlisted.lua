-- One chunk of a reconciliation (SessionRegistry.reconcile): removes entries the registry holds for a
-- handler that are not in the list the handler reported (compare-and-delete), unless one was registered
-- after the cutoff: its registration may have raced the handler's snapshot of the list.
-- KEYS[1] the handler's session set
-- ARGV[1] handlerId, ARGV[2] user hash key prefix, ARGV[3] cutoff ms,
-- then the set members ("userId|deviceId|sessionId") from ARGV[4] on.
-- Returns the number of entries removed.
local handler, userPrefix, cutoff = ARGV[1], ARGV[2], tonumber(ARGV[3])
local removed = 0
for i = 4, #ARGV do
  local member = ARGV[i]
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
      removed = removed + 1
    end
  else
    redis.call('SREM', KEYS[1], member)
  end
end
return removed
