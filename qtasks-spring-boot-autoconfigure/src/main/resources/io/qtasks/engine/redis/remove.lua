-- The queue alone: takes a queued or waiting (not claimed) task out.
-- KEYS: 1 task, 2 names, 3 waiting
-- ARGV: 1 key prefix, 2 uuid
return queue_remove(ARGV[1], KEYS[1], KEYS[2], KEYS[3], ARGV[2]) and 1 or 0
