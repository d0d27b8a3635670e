-- The queue alone: ends a claim, the task leaves the queue.
-- KEYS: 1 task, 2 inflight
-- ARGV: 1 key prefix, 2 uuid, 3 token
-- The records of this queue live elsewhere and are written first: a requeue seen there may
-- already have queued the task again, under a new entry that must stay.
if not queue_end_claim(KEYS[1], KEYS[2], ARGV[2], ARGV[3]) then
  return 0
end
local due, fields = queue_is_due(ARGV[1], KEYS[1])
if fields[1] and not due then
  redis.call('HDEL', KEYS[1], 'entry')
end
return 1
