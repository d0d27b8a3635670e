-- Extends the leases of claims the caller still holds.
-- KEYS: 1 inflight
-- ARGV: 1 key prefix, 2 lease ms, then uuid and token pairs
-- Returns the uuids whose claim was lost.
local deadline = now_ms() + tonumber(ARGV[2])
local lost = {}
for i = 3, #ARGV, 2 do
  if redis.call('HGET', ARGV[1] .. 'task:' .. ARGV[i], 'holder') == ARGV[i + 1] then
    redis.call('ZADD', KEYS[1], deadline, ARGV[i])
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return lost
