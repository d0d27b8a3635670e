-- Counts due tasks (queued, and waiting ones whose time has come) and tasks still waiting.
-- KEYS: 1 names, 2 waiting
-- ARGV: 1 key prefix
local now = now_ms()
local due = redis.call('ZCOUNT', KEYS[2], '-inf', now)
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  due = due + redis.call('ZCARD', pending_key(ARGV[1], name))
end
return { due, redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf') }
