-- Removes a schedule and its state.
-- KEYS: 1 schedule, 2 schedules
-- ARGV: 1 name
-- Returns 1, or 0 when no schedule had the name.
local removed = redis.call('DEL', KEYS[1])
if redis.call('TYPE', KEYS[2]).ok == 'set' then
  redis.call('SREM', KEYS[2], ARGV[1])
end
return removed
