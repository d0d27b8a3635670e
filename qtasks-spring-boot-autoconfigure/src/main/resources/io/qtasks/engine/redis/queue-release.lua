-- The queue alone: ends a claim and puts the task back, at its old place or waiting.
-- KEYS: 1 task, 2 inflight, 3 names, 4 waiting, 5 seq, 6 idle receivers
-- ARGV: 1 key prefix, 2 uuid, 3 token, 4 delay ms (0: now), 5 wake channel
if not queue_end_claim(KEYS[1], KEYS[2], ARGV[2], ARGV[3]) then
  return 0
end
queue_put_back(ARGV[1], KEYS[1], KEYS[3], KEYS[4], KEYS[5], ARGV[2], ARGV[4])
wake(KEYS[6], ARGV[5])
return 1
