-- The record store alone: writes a record when the fence passes (see store_write).
-- KEYS: 1 task, 2 counts
-- ARGV: 1 key prefix, 2 uuid, 3 record JSON, 4 status, 5 token ('' for a write by revision),
--       6 revision read, 7 '1' to refuse while a cancel request is pending, 8 finished TTL ms,
--       9 finished channel
return store_write(ARGV[1], KEYS[1], KEYS[2], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8],
  ARGV[9])
