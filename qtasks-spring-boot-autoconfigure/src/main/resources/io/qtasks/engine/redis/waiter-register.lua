-- Lists a node as waiting for results until its registration runs out, so that the ends of tasks
-- are published (see announce_finished), and forgets the registrations that ran out.
-- KEYS: 1 waiters
-- ARGV: 1 node id, 2 ms the registration lasts
-- Returns 1, or 0 when the key holds another type (written by some other program).
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'zset' and kind ~= 'none' then
  return 0
end
local now = now_ms()
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return 1
