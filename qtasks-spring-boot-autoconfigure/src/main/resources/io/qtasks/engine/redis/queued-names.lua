-- The names of the tasks that are due, and how many of each (in every queue, with any limit key).
-- KEYS: 1 names
-- ARGV: 1 key prefix
-- Returns pairs: name, count.
local counts = {}
local order = {}
each_lane(ARGV[1], function(_, name, _, key)
  local count = redis.call('ZCARD', key)
  if count > 0 then
    if not counts[name] then
      order[#order + 1] = name
    end
    counts[name] = (counts[name] or 0) + count
  end
end)
local reply = {}
for _, name in ipairs(order) do
  reply[#reply + 1] = name
  reply[#reply + 1] = counts[name]
end
return reply
