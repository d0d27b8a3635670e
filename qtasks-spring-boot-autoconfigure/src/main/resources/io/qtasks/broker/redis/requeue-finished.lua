-- Queues a task that ended in error or cancel again, at the back of its priority: it no longer
-- expires, its status goes back to new (counts kept in step) and idle workers are woken.
-- KEYS: 1 task, 2 pending, 3 counts, 4 sequence
-- ARGV: 1 key prefix, 2 uuid, 3 record revision the new record was built from, 4 new record JSON,
--       5 wake channel
local fields = redis.call('HMGET', KEYS[1], 'status', 'rev', 'priority')
if not fields[1] then
  return 'not_found'
end
if fields[1] ~= 'error' and fields[1] ~= 'cancel' then
  return 'not_requeueable'
end
if (fields[2] or '') ~= ARGV[3] then
  return 'changed'
end
local entry = string.format('%016x', redis.call('INCR', KEYS[4])) .. ARGV[2]
redis.call('ZREM', ARGV[1] .. 'expiry:' .. fields[1], ARGV[2])
redis.call('PERSIST', KEYS[1])
set_status(KEYS[1], KEYS[3], 'new')
redis.call('HSET', KEYS[1], 'record', ARGV[4], 'entry', entry)
redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('ZADD', KEYS[2], fields[3] or 0, entry)
redis.call('PUBLISH', ARGV[5], '')
return 'requeued'
