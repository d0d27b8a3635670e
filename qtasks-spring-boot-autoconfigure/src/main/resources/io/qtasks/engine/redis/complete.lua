-- Stores the final record of a claimed task and ends its claim, in one step.
-- KEYS: 1 task, 2 counts, 3 inflight
-- ARGV: 1 key prefix, 2 uuid, 3 record JSON, 4 status, 5 token, 6 revision read at the claim,
--       7 finished TTL ms, 8 finished channel
-- Returns {1, ''} when written, {0, ''} when fenced (see store_write).
return store_write(ARGV[1], KEYS[1], KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], '0', ARGV[7], ARGV[8],
  KEYS[3])
