-- Fires a schedule for one due time, in one step: when the schedule exists, is not paused and last
-- fired before the due time, its last firing becomes this one and the firing's task is stored and
-- queued. Two nodes that fire the same due time cannot both queue a task, even once the task of an
-- earlier firing has expired, since the last due time is compared first.
-- KEYS: 1 schedule, 2 task, 3 names, 4 waiting, 5 seq, 6 index, 7 counts, 8 idle receivers
-- ARGV: 1 due ms, 2 uuid, 3 record JSON, 4 task name, 5 priority, 6 created-at ms, 7 key prefix,
--       8 wake channel, 9 queue, 10 limit key ('' for none)
-- Returns 'fired', 'already_fired', 'paused' or 'not_found'.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 'not_found'
end
local fields = redis.call('HMGET', KEYS[1], 'paused', 'last_due')
if fields[1] == '1' then
  return 'paused'
end
if fields[2] and number(fields[2]) >= number(ARGV[1]) then
  return 'already_fired'
end
redis.call('HSET', KEYS[1], 'last_due', ARGV[1], 'last_uuid', ARGV[2])
if not store_insert(KEYS[2], KEYS[7], KEYS[6], ARGV[2], ARGV[3], ARGV[4], ARGV[6]) then
  return 'already_fired'
end
queue_add(ARGV[7], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[2], ARGV[4], ARGV[5], 0, ARGV[9] or 'default', ARGV[10])
wake(KEYS[8], ARGV[8])
return 'fired'
