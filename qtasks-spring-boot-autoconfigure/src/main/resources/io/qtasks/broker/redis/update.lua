-- Stores an intermediate record, when the caller still holds the claim.
-- KEYS: 1 task, 2 counts
-- ARGV: 1 token, 2 record JSON, 3 status
if task_fields(KEYS[1], 'holder')[1] ~= ARGV[1] then
  return 0
end
set_status(KEYS[1], KEYS[2], ARGV[3])
redis.call('HSET', KEYS[1], 'record', ARGV[2])
bump(KEYS[1], 'rev')
return 1
