-- Stores the final record and ends the claim, when the caller still holds it.
-- KEYS: 1 task, 2 counts, 3 inflight
-- ARGV: 1 key prefix, 2 token, 3 uuid, 4 record JSON, 5 status, 6 finished TTL ms, 7 finished channel
if task_fields(KEYS[1], 'holder')[1] ~= ARGV[2] then
  return 0
end
redis.call('ZREM', KEYS[3], ARGV[3])
finish(ARGV[1], KEYS[1], KEYS[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
return 1
