-- Extends the leases of claims the caller still holds.
-- KEYS: 1 inflight
-- ARGV: 1 key prefix, 2 lease ms, then uuid and token pairs
-- Returns the tokens of the claims that are over (their lease ran out and the task went back to
-- the queue or to another claim, or the claim ended).
local deadline = now_ms() + tonumber(ARGV[2])
local over = {}
for i = 3, #ARGV, 2 do
  if task_fields(ARGV[1] .. 'task:' .. ARGV[i], 'claim')[1] == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], deadline, ARGV[i])
  else
    over[#over + 1] = ARGV[i + 1]
  end
end
return over
