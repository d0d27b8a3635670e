-- Registers or refreshes a worker node and drops nodes whose heartbeat stopped.
-- KEYS: 1 nodes, 2 node deadlines
-- ARGV: 1 node id, 2 node JSON, 3 time to live ms
local now = now_ms()
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
local dead = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, id in ipairs(dead) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
return #dead
