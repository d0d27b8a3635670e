-- Pauses or resumes a schedule; a resume stores its time, so that the due times that passed while
-- the schedule was paused are not fired.
-- KEYS: 1 schedule
-- ARGV: 1 '1' to pause, '0' to resume, 2 now ms
-- Returns 1, or 0 when no schedule has the name.
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then
  return 0
end
if ARGV[1] == '1' then
  redis.call('HSET', KEYS[1], 'paused', '1')
elseif redis.call('HGET', KEYS[1], 'paused') == '1' then
  redis.call('HSET', KEYS[1], 'paused', '0', 'resumed', ARGV[2])
end
return 1
