-- Counts due tasks (queued, and waiting ones whose time has come) and tasks still waiting.
-- KEYS: 1 pending, 2 waiting
local now = now_ms()
local due = redis.call('ZCOUNT', KEYS[2], '-inf', now)
return { redis.call('ZCARD', KEYS[1]) + due, redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf') }
