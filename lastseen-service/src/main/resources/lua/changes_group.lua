-- Creates the consumer group of the presence stream (and the stream) unless it exists, from the stream's start.
-- KEYS[1] the stream; ARGV[1] the group. Returns 1 when created, 0 when it existed.
local reply = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
if type(reply) == 'table' and reply.err then
  if string.find(reply.err, 'BUSYGROUP') then
    return 0
  end
  return redis.error_reply(reply.err)
end
return 1
