-- Cancels a task: a queued one becomes cancel at once; a claimed or running one gets a cancel
-- request that every node hears.
-- KEYS: 1 task, 2 pending, 3 counts
-- ARGV: 1 key prefix, 2 uuid, 3 record revision the cancelled record was built from,
--       4 cancelled record JSON, 5 reason, 6 finished TTL ms, 7 finished channel,
--       8 cancel channel, 9 cancel message
local fields = task_fields(KEYS[1], 'status', 'entry', 'rev')
if not fields[1] then
  return 'not_found'
end
if is_finished(fields[1]) then
  return 'already_finished'
end
if fields[2] and redis.call('ZSCORE', KEYS[2], fields[2]) then
  if (fields[3] or '') ~= ARGV[3] then
    return 'changed'
  end
  redis.call('ZREM', KEYS[2], fields[2])
  finish(ARGV[1], KEYS[1], KEYS[3], ARGV[2], ARGV[4], 'cancel', ARGV[6], ARGV[7])
  return 'cancelled'
end
redis.call('HSET', KEYS[1], 'cancel', ARGV[5])
redis.call('PUBLISH', ARGV[8], ARGV[9])
return 'cancel_requested'
