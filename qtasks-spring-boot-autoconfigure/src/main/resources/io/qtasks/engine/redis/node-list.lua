-- Reads the nodes whose heartbeat is current.
-- KEYS: 1 nodes, 2 node deadlines
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. now_ms(), '+inf')
if #ids == 0 then
  return {}
end
return redis.call('HMGET', KEYS[1], unpack(ids))
