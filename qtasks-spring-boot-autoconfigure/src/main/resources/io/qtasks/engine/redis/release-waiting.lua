-- Makes a waiting task due now with a new record, in one step, when its record is still the one
-- the new record was built from and it waits (not due, not claimed).
-- KEYS: 1 task, 2 names, 3 waiting, 4 seq, 5 counts, 6 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 revision read, 4 released record JSON, 5 task name, 6 wake channel
local fields = task_fields(KEYS[1], 'status', 'rev', 'priority')
if not fields[1] then
  return 'not_found'
end
if is_finished(fields[1]) or not zscore(KEYS[3], ARGV[2]) then
  return 'not_waiting'
end
if number(fields[2]) ~= number(ARGV[3]) then
  return 'changed'
end
redis.call('ZREM', KEYS[3], ARGV[2])
store_write(ARGV[1], KEYS[1], KEYS[5], ARGV[2], ARGV[4], fields[1], '', ARGV[3], '0', '0', '')
queue_add(ARGV[1], KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[2], ARGV[5], fields[3] or '0', 0)
wake(KEYS[6], ARGV[6])
return 'released'
