-- Removes a handler's lease and up to ARGV[4] of the sessions it holds; SessionRegistry calls it again
-- until none is left, so Redis is never blocked for long. Used by the reaper (guarded: only while the
-- lease is still expired or gone, so a renewal that races the reaper, even half-way, wins) and by
-- graceful shutdown (unguarded). The renewal marker goes first: a handler that renews half-way learns
-- that the registry lost sessions, and sends them again. Safe with several ws-manager replicas reaping.
-- A user whose last device goes offline, last seen when the handler was last known alive (when reaped, its
-- lease's last renewal: deadline minus TTL, no later than ARGV[5]): an entry goes to the presence stream.
-- KEYS[1] lease zset, KEYS[2] the handler's session set, KEYS[3] its renewal marker (see renew_lease),
-- KEYS[4] presence stream
-- ARGV[1] handlerId, ARGV[2] drop only if the lease deadline is below this (ms), or "always",
-- ARGV[3] user hash key prefix, ARGV[4] most sessions removed in this call, ARGV[5] when the
-- handler was last known alive if its lease is gone (now on the first call; the first call's answer after),
-- ARGV[6] lease TTL ms, ARGV[7] presence stream length
-- Returns {sessions removed, sessions left in the set, last known alive ms}, or {-1, left} when the lease
-- was renewed.
local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
if deadline and ARGV[2] ~= 'always' and tonumber(deadline) >= tonumber(ARGV[2]) then
  return {-1, redis.call('SCARD', KEYS[2])}
end
local aliveAt = tonumber(ARGV[5])
-- A graceful shutdown ('always') is alive until now; a reaped handler until its last renewal.
if deadline and ARGV[2] ~= 'always' then
  aliveAt = math.min(aliveAt, tonumber(deadline) - tonumber(ARGV[6]))
end
redis.call('DEL', KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
local removed = 0
for _, member in ipairs(redis.call('SPOP', KEYS[2], tonumber(ARGV[4]))) do
  local user, device, session = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
  local userKey = ARGV[3] .. user
  local current = redis.call('HGET', userKey, device)
  if current then
    local handler, registered = string.match(current, '^([^|]+)|([^|]+)|')
    -- Only this handler's entry: the device may already be registered on another handler.
    if handler == ARGV[1] and registered == session then
      redis.call('HDEL', userKey, device)
      removed = removed + 1
      if redis.call('HLEN', userKey) == 0 then
        redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', 'u', user, 's', 'off', 't', string.format('%d', aliveAt))
      end
    end
  end
end
return {removed, redis.call('SCARD', KEYS[2]), string.format('%d', aliveAt)}
