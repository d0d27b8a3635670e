-- Stores the record of a claimed task that goes back to the queue and releases its claim, in one
-- step: at the task's old place, or waiting until its due time. Refused while a cancel request
-- is pending, since the task must then end as cancel.
-- KEYS: 1 task, 2 counts, 3 inflight, 4 names, 5 waiting, 6 seq, 7 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 record JSON, 4 status, 5 token, 6 revision read at the claim,
--       7 delay ms (0: now), 8 wake channel
-- Returns {1, ''} when written, {0, ''} when fenced, {2, reason} for a pending cancel request.
if task_fields(KEYS[1], 'claim')[1] ~= ARGV[5] then
  return { 0, '' }
end
local written = store_write(ARGV[1], KEYS[1], KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], '1', '0', '')
if written[1] == 1 then
  queue_end_claim(KEYS[1], KEYS[3], ARGV[2], ARGV[5])
  queue_put_back(ARGV[1], KEYS[1], KEYS[4], KEYS[5], KEYS[6], ARGV[2], ARGV[7])
  wake(KEYS[7], ARGV[8])
end
return written
