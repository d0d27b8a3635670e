-- Cancels a task that is queued or waiting, in one step: it leaves the queue and gets the
-- cancelled record, when the record is still the one the cancelled record was built from.
-- KEYS: 1 task, 2 names, 3 waiting, 4 counts
-- ARGV: 1 key prefix, 2 uuid, 3 revision read, 4 cancelled record JSON, 5 finished TTL ms,
--       6 finished channel
local fields = task_fields(KEYS[1], 'status', 'rev')
if not fields[1] then
  return 'not_found'
end
if is_finished(fields[1]) then
  return 'finished'
end
if not queue_holds(ARGV[1], KEYS[1], KEYS[3], ARGV[2]) then
  return 'not_queued'
end
if number(fields[2]) ~= number(ARGV[3]) then
  return 'changed'
end
queue_remove(ARGV[1], KEYS[1], KEYS[2], KEYS[3], ARGV[2])
store_write(ARGV[1], KEYS[1], KEYS[4], ARGV[2], ARGV[4], 'cancel', '', ARGV[3], '0', ARGV[5], ARGV[6])
return 'cancelled'
