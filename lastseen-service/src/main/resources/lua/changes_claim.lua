-- Takes over entries other consumers of the group read and left unacknowledged for ARGV[3] ms (an instance
-- that went away), up to ARGV[4] of them; they become this consumer's pending entries, read again from "0".
-- KEYS[1] the stream; ARGV[1] group, ARGV[2] this consumer. Returns how many were taken over.
local reply = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4], 'JUSTID')
return #reply[2]
