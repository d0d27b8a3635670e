-- Records a cancel request for a task that is not queued, and announces it to the claim that
-- holds the task. The request lasts until the task finishes.
-- KEYS: 1 task
-- ARGV: 1 uuid, 2 reason, 3 cancel channel
local fields = task_fields(KEYS[1], 'status', 'holder')
if not fields[1] then
  return 'not_found'
end
if is_finished(fields[1]) then
  return 'already_finished'
end
redis.call('HSET', KEYS[1], 'cancel', ARGV[2])
redis.call('PUBLISH', ARGV[3], cjson.encode({ uuid = ARGV[1], token = fields[2] or '', reason = ARGV[2] }))
return 'cancel_requested'
