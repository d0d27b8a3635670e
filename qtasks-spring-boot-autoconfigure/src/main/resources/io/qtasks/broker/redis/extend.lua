-- Extends the leases of claims the caller still holds.
-- KEYS: 1 inflight
-- ARGV: 1 key prefix, 2 lease ms, then uuid and token pairs
-- Returns uuid and reason pairs for the claims that are over: 'lost' when the task went back
-- to the queue or to another claim, 'ended' when it is finished (or gone), which is also what
-- the caller's own completion looks like when it ran just before this script.
local deadline = now_ms() + tonumber(ARGV[2])
local over = {}
for i = 3, #ARGV, 2 do
  local fields = task_fields(ARGV[1] .. 'task:' .. ARGV[i], 'holder', 'status')
  if fields[1] == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], deadline, ARGV[i])
  else
    over[#over + 1] = ARGV[i]
    if not fields[2] or is_finished(fields[2]) then
      over[#over + 1] = 'ended'
    else
      over[#over + 1] = 'lost'
    end
  end
end
return over
