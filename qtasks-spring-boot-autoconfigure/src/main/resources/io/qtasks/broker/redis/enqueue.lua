-- Stores a new task and queues it.
-- KEYS: 1 task, 2 pending, 3 index, 4 counts, 5 sequence, 6 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 record JSON, 4 task name, 5 priority, 6 created-at ms, 7 wake channel
-- The queue entry is a 16-digit hex sequence number followed by the uuid: entries of one
-- priority (the score) sort by it, which keeps them first in, first out.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local entry = string.format('%016x', redis.call('INCR', KEYS[5])) .. ARGV[2]
redis.call('HSET', KEYS[1], 'record', ARGV[3], 'status', 'new', 'name', ARGV[4], 'priority', ARGV[5],
  'entry', entry, 'rev', 1)
redis.call('ZADD', KEYS[2], ARGV[5], entry)
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[2])
redis.call('HINCRBY', KEYS[4], 'new', 1)
-- Wake-ups only go out while a receiver waits: busy workers claim as they free up.
if redis.call('ZCOUNT', KEYS[6], now_ms(), '+inf') > 0 then
  redis.call('PUBLISH', ARGV[7], '')
end
return 1
