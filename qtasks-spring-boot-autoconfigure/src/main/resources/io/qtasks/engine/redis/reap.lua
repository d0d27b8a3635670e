-- Returns tasks whose lease ran out to the queue at their old place; their claim is over (its
-- writes are refused). Safe to run on every node.
-- KEYS: 1 inflight, 2 names, 3 waiting, 4 seq, 5 idle receivers
-- ARGV: 1 key prefix, 2 limit, 3 wake channel, 4 '1' when the records live in the same hashes
-- With the records alongside, a finished task's leftover claim is only dropped, and a put-back
-- task is held by no one (its revision moves on, so the old claim cannot write by revision).
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms(), 'LIMIT', 0, ARGV[2])
local requeued = {}
for _, uuid in ipairs(due) do
  redis.call('ZREM', KEYS[1], uuid)
  local task = ARGV[1] .. 'task:' .. uuid
  local fields = task_fields(task, 'claim', 'status')
  if fields[1] then
    redis.call('HDEL', task, 'claim')
    claim_uncounted(ARGV[1], task)
    if ARGV[4] == '1' and is_finished(fields[2]) then
      redis.call('HDEL', task, 'entry')
    else
      if ARGV[4] == '1' and fields[2] then
        redis.call('HDEL', task, 'holder')
        bump(task, 'rev')
      end
      queue_put_back(ARGV[1], task, KEYS[2], KEYS[3], KEYS[4], uuid, 0)
      requeued[#requeued + 1] = uuid
    end
  end
end
if #requeued > 0 then
  wake(KEYS[5], ARGV[3])
end
return requeued
