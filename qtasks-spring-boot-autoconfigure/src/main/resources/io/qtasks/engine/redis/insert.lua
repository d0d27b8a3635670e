-- The record store alone: stores a new record (its task is queued elsewhere); one with a unique
-- key only when no other task holds the key (see store_insert_unique).
-- KEYS: 1 task, 2 counts, 3 index
-- ARGV: 1 uuid, 2 record JSON, 3 task name, 4 created-at ms, 5 key prefix, 6 unique key ('' for
--       none), 7 ms the unique key stays taken after the task finished
-- Returns 'stored', 'duplicate' or the uuid of the task holding the unique key.
return store_insert_unique(ARGV[5], KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[6], ARGV[7])
