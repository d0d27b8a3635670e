-- Claims up to max queued tasks, lowest priority first: each moves to in-flight with a lease
-- deadline and a new fencing token.
-- KEYS: 1 pending, 2 inflight, 3 dead letters, 4 idle receivers
-- ARGV: 1 key prefix, 2 max, 3 lease ms, 4 receiver id, 5 how long the receiver waits when it
--       finds nothing, in ms (0: it does not wait)
-- A receiver that finds nothing and will wait is listed as idle until its wait runs out, so that
-- queueing a task wakes it (enqueue.lua); one that found tasks is no longer idle.
-- Returns sextuples: 'task', uuid, token, record, status, cancel request (or '') for a claimed
-- task, or 'invalid', entry, reason, '', '', '' for an entry that names no queued task (moved to
-- the dead letters).
local now = now_ms()
local popped = redis.call('ZPOPMIN', KEYS[1], ARGV[2])
local claimed = {}
for i = 1, #popped, 2 do
  local entry = popped[i]
  local uuid = string.sub(entry, 17)
  local task = ARGV[1] .. 'task:' .. uuid
  local reason = nil
  if #entry ~= 52 then
    reason = 'not a QTasks queue entry (expected 16 hex digits and a uuid)'
  elseif task_fields(task, 'entry')[1] ~= entry then
    reason = 'no queued task has this entry'
  end
  if reason then
    redis.call('LPUSH', KEYS[3], cjson.encode({ entry = entry, reason = reason, at = now }))
    redis.call('LTRIM', KEYS[3], 0, 999)
    claimed[#claimed + 1] = 'invalid'
    claimed[#claimed + 1] = entry
    claimed[#claimed + 1] = reason
    claimed[#claimed + 1] = ''
    claimed[#claimed + 1] = ''
    claimed[#claimed + 1] = ''
  else
    local token = bump(task, 'claims')
    redis.call('HSET', task, 'holder', token)
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), uuid)
    local fields = redis.call('HMGET', task, 'record', 'status', 'cancel')
    claimed[#claimed + 1] = 'task'
    claimed[#claimed + 1] = uuid
    claimed[#claimed + 1] = tostring(token)
    claimed[#claimed + 1] = fields[1] or ''
    claimed[#claimed + 1] = fields[2] or ''
    claimed[#claimed + 1] = fields[3] or ''
  end
end
if #popped == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  if tonumber(ARGV[5]) > 0 then
    redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), ARGV[4])
  end
else
  redis.call('ZREM', KEYS[4], ARGV[4])
end
return claimed
