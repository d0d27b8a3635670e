-- Queues a task that ended in error or cancel again, in one step, when its record is still the
-- one the queued record was built from: it no longer expires, its status goes back to new (counts
-- kept in step), it gets a new entry at the back of its priority, and idle workers are woken.
-- KEYS: 1 task, 2 names, 3 waiting, 4 seq, 5 counts, 6 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 revision read, 4 queued record JSON, 5 task name, 6 wake channel
local fields = task_fields(KEYS[1], 'status', 'rev', 'priority')
if not fields[1] then
  return 'not_found'
end
if fields[1] ~= 'error' and fields[1] ~= 'cancel' then
  return 'not_requeueable'
end
if number(fields[2]) ~= number(ARGV[3]) then
  return 'changed'
end
redis.call('ZREM', ARGV[1] .. 'expiry:' .. fields[1], ARGV[2])
redis.call('PERSIST', KEYS[1])
store_write(ARGV[1], KEYS[1], KEYS[5], ARGV[2], ARGV[4], 'new', '', ARGV[3], '0', '0', '')
queue_add(ARGV[1], KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[2], ARGV[5], fields[3] or '0', 0)
wake(KEYS[6], ARGV[6])
return 'requeued'
