-- One chunk of a reconciliation (SessionRegistry.reconcile): removes entries the registry holds for a
-- handler that are not in the list the handler reported (compare-and-delete), unless one was registered
-- after the cutoff: its registration may have raced the handler's snapshot of the list.
-- A user whose last device goes here goes offline, last seen now: an entry goes to the presence stream.
-- KEYS[1] the handler's session set, KEYS[2] presence stream
-- ARGV[1] handlerId, ARGV[2] user hash key prefix, ARGV[3] cutoff ms, ARGV[4] now ms,
-- ARGV[5] presence stream length, then the set members ("userId|deviceId|sessionId") from ARGV[6] on.
-- Returns the number of entries removed.
local handler, userPrefix, cutoff = ARGV[1], ARGV[2], tonumber(ARGV[3])
local removed = 0
for i = 6, #ARGV do
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
      if redis.call('HLEN', userPrefix .. user) == 0 then
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'u', user, 's', 'off', 't', ARGV[4])
      end
    end
  else
    redis.call('SREM', KEYS[1], member)
  end
end
return removed
