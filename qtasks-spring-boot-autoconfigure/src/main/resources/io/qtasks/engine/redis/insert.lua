-- The record store alone: stores a new record (its task is queued elsewhere).
-- KEYS: 1 task, 2 counts, 3 index
-- ARGV: 1 uuid, 2 record JSON, 3 task name, 4 created-at ms
return store_insert(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4]) and 1 or 0
