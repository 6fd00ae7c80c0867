-- Renews a handler's lease and says whether the registry knew it from an earlier renewal.
-- A marker only renewals write (TTL = the lease TTL) answers that: registrations and reconciliations
-- may create a missing lease (ZADD NX), so the lease itself cannot tell a handler that Redis lost its
-- sessions, or that the reaper dropped them, before a client of it registered again.
-- KEYS[1] lease zset, KEYS[2] the handler's renewal marker
-- ARGV[1] handlerId, ARGV[2] new deadline ms, ARGV[3] lease TTL ms
-- Returns 1 when the marker was there (the registry holds this handler's sessions), else 0.
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local known = redis.call('EXISTS', KEYS[2])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
return known
