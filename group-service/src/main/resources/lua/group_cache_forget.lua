-- Drops a group's cached state when its newest version could not be written, keeping that version so
-- that a fill from an older snapshot still cannot land; readers miss and go to MySQL.
-- KEYS[1] chat:group:{id}   ARGV[1] version   ARGV[2] TTL in ms
-- Returns 1 when done, 0 when Redis already holds a newer version.
local cached = redis.call('HGET', KEYS[1], 'v')
if cached and tonumber(cached) > tonumber(ARGV[1]) then
  return 0
end
redis.call('HDEL', KEYS[1], 's')
redis.call('HSET', KEYS[1], 'v', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
