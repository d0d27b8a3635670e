-- Counts the due tasks of each priority, lowest first, without reading the queues: one range
-- lookup and one count per distinct priority of each name.
-- KEYS: 1 names
-- ARGV: 1 key prefix, 2 the most priorities to report
-- Returns pairs: priority, count.
local limit = tonumber(ARGV[2])
local counts = {}
each_lane(ARGV[1], function(_, _, _, key)
  local from = '-inf'
  for _ = 1, limit do
    local first = redis.call('ZRANGEBYSCORE', key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    if #first == 0 then
      break
    end
    local priority = tonumber(first[2])
    counts[priority] = (counts[priority] or 0) + redis.call('ZCOUNT', key, first[2], first[2])
    from = '(' .. first[2]
  end
end)
local priorities = {}
for priority in pairs(counts) do
  priorities[#priorities + 1] = priority
end
table.sort(priorities)
local reply = {}
for i = 1, math.min(#priorities, limit) do
  reply[#reply + 1] = tostring(priorities[i])
  reply[#reply + 1] = counts[priorities[i]]
end
return reply
