-- The queue alone: ends a claim and puts the task back, at its old place or waiting.
-- KEYS: 1 task, 2 inflight, 3 pending, 4 waiting, 5 seq, 6 idle receivers
-- ARGV: 1 uuid, 2 token, 3 delay ms (0: now), 4 wake channel
if not queue_end_claim(KEYS[1], KEYS[2], ARGV[1], ARGV[2]) then
  return 0
end
queue_put_back(KEYS[1], KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[3])
wake(KEYS[6], ARGV[4])
return 1
