-- Caches a group's state unless Redis already holds the same or a newer version of it. An entry with
-- a version and no state ('v' without 's', left by group_cache_forget.lua) takes that version or newer.
-- KEYS[1] chat:group:{id}   ARGV[1] version   ARGV[2] state (JSON)   ARGV[3] TTL in ms
-- Returns 1 when written, 0 when the cached version was not older (the entry's TTL is left alone).
local cached = redis.call('HGET', KEYS[1], 'v')
if cached then
  local held, offered = tonumber(cached), tonumber(ARGV[1])
  if held > offered or (held == offered and redis.call('HEXISTS', KEYS[1], 's') == 1) then
    return 0
  end
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
