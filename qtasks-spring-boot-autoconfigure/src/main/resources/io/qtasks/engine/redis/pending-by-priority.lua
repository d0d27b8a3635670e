-- Counts the queued tasks of each priority, lowest first, without reading the whole queue:
-- one range lookup and one count per distinct priority.
-- KEYS: 1 pending
-- ARGV: 1 the most priorities to report
-- Returns pairs: priority, count.
local counts = {}
local from = '-inf'
for _ = 1, tonumber(ARGV[1]) do
  local first = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if #first == 0 then
    break
  end
  local priority = first[2]
  counts[#counts + 1] = priority
  counts[#counts + 1] = redis.call('ZCOUNT', KEYS[1], priority, priority)
  from = '(' .. priority
end
return counts
