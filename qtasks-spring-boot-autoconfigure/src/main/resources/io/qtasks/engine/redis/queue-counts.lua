-- Counts due tasks (queued, and waiting ones whose time has come) and tasks still waiting.
-- KEYS: 1 names, 2 waiting
-- ARGV: 1 key prefix
local now = now_ms()
local due = redis.call('ZCOUNT', KEYS[2], '-inf', now)
each_lane(ARGV[1], function(_, _, _, key)
  due = due + redis.call('ZCARD', key)
end)
return { due, redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf') }
