-- The queue alone: ends a claim, the task leaves the queue.
-- KEYS: 1 task, 2 inflight, 3 pending
-- ARGV: 1 uuid, 2 token
-- The records of this queue live elsewhere and are written first: a requeue seen there may
-- already have queued the task again, under a new entry that must stay.
if not queue_end_claim(KEYS[1], KEYS[2], ARGV[1], ARGV[2]) then
  return 0
end
local entry = redis.call('HGET', KEYS[1], 'entry')
if entry and not redis.call('ZSCORE', KEYS[3], entry) then
  redis.call('HDEL', KEYS[1], 'entry')
end
return 1
