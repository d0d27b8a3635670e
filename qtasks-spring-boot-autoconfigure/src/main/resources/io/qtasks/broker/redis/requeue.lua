-- Returns tasks whose lease expired to the queue at their old place. Their holder loses the
-- claim (its writes are refused). Safe to run on every node.
-- KEYS: 1 inflight, 2 pending, 3 counts
-- ARGV: 1 key prefix, 2 limit, 3 wake channel
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms(), 'LIMIT', 0, ARGV[2])
local requeued = {}
for _, uuid in ipairs(due) do
  redis.call('ZREM', KEYS[1], uuid)
  local task = ARGV[1] .. 'task:' .. uuid
  local fields = task_fields(task, 'status', 'entry', 'priority')
  if fields[1] and fields[2] and not is_finished(fields[1]) then
    redis.call('HDEL', task, 'holder')
    set_status(task, KEYS[3], 'new')
    redis.call('ZADD', KEYS[2], score(fields[3]), fields[2])
    requeued[#requeued + 1] = uuid
  end
end
if #requeued > 0 then
  redis.call('PUBLISH', ARGV[3], '')
end
return requeued
