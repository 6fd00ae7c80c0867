-- Which of several users have a session on a live handler (as user_sessions.lua, for many users at once).
-- KEYS: the lease zset, then one user hash per user
-- ARGV[1] now ms
-- Returns one 1 or 0 per user hash, in order.
local now = tonumber(ARGV[1])
local result = {}
for k = 2, #KEYS do
  local online = 0
  local entries = redis.call('HVALS', KEYS[k])
  for i = 1, #entries do
    local handler = string.match(entries[i], '^([^|]+)|')
    local deadline = redis.call('ZSCORE', KEYS[1], handler)
    if deadline and tonumber(deadline) >= now then
      online = 1
      break
    end
  end
  table.insert(result, online)
end
return result
