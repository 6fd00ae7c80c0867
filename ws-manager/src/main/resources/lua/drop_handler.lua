-- Removes a handler's lease and every session it holds. Used by the reaper (guarded: only if the lease
-- is still expired, so a renewal that raced the reaper wins) and by graceful shutdown (unguarded).
-- Idempotent: a second run finds nothing to remove. Safe with several ws-manager replicas reaping.
-- KEYS[1] lease zset, KEYS[2] the handler's session set, KEYS[3] its renewal marker (see renew_lease)
-- ARGV[1] handlerId, ARGV[2] drop only if the lease deadline is below this (ms), or "always",
-- ARGV[3] user hash key prefix
-- Returns the number of sessions removed, or -1 when the lease was renewed and nothing was dropped.
local deadline = redis.call('ZSCORE', KEYS[1], ARGV[1])
if deadline and ARGV[2] ~= 'always' and tonumber(deadline) >= tonumber(ARGV[2]) then
  return -1
end
local removed = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local user, device, session = string.match(member, '^([^|]+)|([^|]+)|([^|]+)$')
  local userKey = ARGV[3] .. user
  local current = redis.call('HGET', userKey, device)
  if current then
    local handler, registered = string.match(current, '^([^|]+)|([^|]+)|')
    -- Only this handler's entry: the device may already be registered on another handler.
    if handler == ARGV[1] and registered == session then
      redis.call('HDEL', userKey, device)
      removed = removed + 1
    end
  end
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
return removed
