-- The sessions of one user on live handlers: an entry whose handler's lease expired is not returned,
-- even before the reaper removes it, so a crashed handler never keeps a user online past the lease TTL.
-- KEYS[1] user hash, KEYS[2] lease zset
-- ARGV[1] now ms
-- Returns flat {deviceId, handlerId, sessionId, connectedAt ms, ...}.
local now = tonumber(ARGV[1])
local result = {}
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local handler, session, connectedAt = string.match(entries[i + 1], '^([^|]+)|([^|]+)|([^|]+)$')
  local deadline = redis.call('ZSCORE', KEYS[2], handler)
  if deadline and tonumber(deadline) >= now then
    table.insert(result, entries[i])
    table.insert(result, handler)
    table.insert(result, session)
    table.insert(result, connectedAt)
  end
end
return result
