-- The queue alone: takes a queued or waiting (not claimed) task out.
-- KEYS: 1 task, 2 pending, 3 waiting
-- ARGV: 1 uuid
local entry = task_fields(KEYS[1], 'entry')[1]
if entry and redis.call('ZREM', KEYS[2], entry) == 1 then
  redis.call('HDEL', KEYS[1], 'entry')
  return 1
end
return redis.call('ZREM', KEYS[3], ARGV[1])
