-- Stores a new task and queues it (or waits it until its due time), in one step; a task with a
-- unique key only when no other task holds the key (see store_insert_unique).
-- KEYS: 1 task, 2 names, 3 waiting, 4 seq, 5 index, 6 counts, 7 idle receivers
-- ARGV: 1 uuid, 2 record JSON, 3 task name, 4 priority, 5 created-at ms, 6 delay ms (0: due now),
--       7 wake channel, 8 key prefix, 9 queue, 10 limit key ('' for none), 11 unique key ('' for
--       none), 12 ms the unique key stays taken after the task finished
-- Returns 'stored', 'duplicate' (a task with the uuid exists) or the uuid of the task holding the
-- unique key.
local stored = store_insert_unique(ARGV[8], KEYS[1], KEYS[6], KEYS[5], ARGV[1], ARGV[2], ARGV[3], ARGV[5],
  ARGV[11] or '', ARGV[12] or '0')
if stored ~= 'stored' then
  return stored
end
queue_add(ARGV[8], KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[3], ARGV[4], ARGV[6], ARGV[9] or 'default',
  ARGV[10])
-- Wake-ups only go out while a receiver waits: busy workers claim as they free up.
wake(KEYS[7], ARGV[7])
return 'stored'
