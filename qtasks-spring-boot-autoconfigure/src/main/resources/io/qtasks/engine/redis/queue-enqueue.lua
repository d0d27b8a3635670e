-- The queue alone: queues a task whose record lives elsewhere.
-- KEYS: 1 task, 2 names, 3 waiting, 4 seq, 5 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 task name, 4 priority, 5 delay ms (0: due now), 6 wake channel,
--       7 queue, 8 limit key ('' for none)
queue_add(ARGV[1], KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[7] or 'default',
  ARGV[8])
wake(KEYS[5], ARGV[6])
return 1
