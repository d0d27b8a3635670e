-- Stores the definition of a schedule added at run time, replacing the definition of one of that
-- name and keeping its state (pause, resume time, last firing, creation time).
-- KEYS: 1 schedule, 2 schedules
-- ARGV: 1 name, 2 definition JSON, 3 now ms
-- Returns 1, or 0 when a schedule declared in code has the name.
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'hash' and redis.call('HEXISTS', KEYS[1], 'definition') == 0 then
  return 0
end
if kind ~= 'hash' and kind ~= 'none' then
  redis.call('DEL', KEYS[1])
end
redis.call('HSET', KEYS[1], 'definition', ARGV[2])
redis.call('HSETNX', KEYS[1], 'created', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
