-- Reads every stored schedule; names whose schedule is gone leave the set.
-- KEYS: 1 schedules
-- ARGV: 1 key prefix
-- Returns septuples: name, definition, created, paused, resumed, last due, last uuid ('' where
-- absent).
local reply = {}
if redis.call('TYPE', KEYS[1]).ok ~= 'set' then
  return reply
end
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. 'schedule:' .. name
  if redis.call('TYPE', key).ok == 'hash' then
    local fields = redis.call('HMGET', key, 'definition', 'created', 'paused', 'resumed', 'last_due', 'last_uuid')
    reply[#reply + 1] = name
    for i = 1, 6 do
      reply[#reply + 1] = fields[i] or ''
    end
  else
    redis.call('SREM', KEYS[1], name)
  end
end
return reply
