-- Cluster-wide gauges: handlers with a live lease and the sessions they hold.
-- KEYS[1] lease zset
-- ARGV[1] now ms, ARGV[2] handler set key prefix
-- Returns {liveHandlers, sessions}.
local live = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '+inf')
local sessions = 0
for _, handler in ipairs(live) do
  sessions = sessions + redis.call('SCARD', ARGV[2] .. handler)
end
return {#live, sessions}
