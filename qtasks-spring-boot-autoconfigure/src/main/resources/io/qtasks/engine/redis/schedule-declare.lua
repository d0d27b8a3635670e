-- Makes sure a schedule declared in code has a stored state, created now when it has none.
-- KEYS: 1 schedule, 2 schedules
-- ARGV: 1 name, 2 now ms
-- Returns the schedule's fields: definition, created, paused, resumed, last due, last uuid ('' where
-- absent).
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'hash' and kind ~= 'none' then
  redis.call('DEL', KEYS[1])
end
redis.call('HSETNX', KEYS[1], 'created', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
local fields = redis.call('HMGET', KEYS[1], 'definition', 'created', 'paused', 'resumed', 'last_due', 'last_uuid')
for i = 1, 6 do
  fields[i] = fields[i] or ''
end
return fields
