-- The names of the tasks that are due, and how many of each.
-- KEYS: 1 names
-- ARGV: 1 key prefix
-- Returns pairs: name, count.
local counts = {}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local count = redis.call('ZCARD', pending_key(ARGV[1], name))
  if count > 0 then
    counts[#counts + 1] = name
    counts[#counts + 1] = count
  end
end
return counts
