-- The queue alone: queues a task whose record lives elsewhere.
-- KEYS: 1 task, 2 pending, 3 waiting, 4 seq, 5 idle receivers
-- ARGV: 1 uuid, 2 task name, 3 priority, 4 delay ms (0: due now), 5 wake channel
queue_add(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
wake(KEYS[5], ARGV[5])
return 1
