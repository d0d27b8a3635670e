-- Hands a claimed task back to the queue at its old place, when the caller still holds the claim.
-- KEYS: 1 task, 2 counts, 3 inflight, 4 pending
-- ARGV: 1 token, 2 uuid, 3 record JSON, 4 wake channel
if task_fields(KEYS[1], 'holder')[1] ~= ARGV[1] then
  return 0
end
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('HDEL', KEYS[1], 'holder')
set_status(KEYS[1], KEYS[2], 'new')
redis.call('HSET', KEYS[1], 'record', ARGV[3])
bump(KEYS[1], 'rev')
local fields = redis.call('HMGET', KEYS[1], 'entry', 'priority')
redis.call('ZADD', KEYS[4], score(fields[2]), fields[1])
redis.call('PUBLISH', ARGV[4], '')
return 1
