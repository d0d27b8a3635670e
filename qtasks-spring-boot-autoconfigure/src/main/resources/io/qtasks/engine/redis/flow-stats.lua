-- The due tasks of every lane (queue, name, limit key), whether each lane waits for its cap or
-- rate, and the claims held by name and limit key and by queue.
-- KEYS: 1 running, 2 running by queue
-- ARGV: 1 key prefix, 2 how many limits follow, then four values for each (task name, cap or 0,
--       starts per window or 0, window ms)
-- Returns the number of lanes, then five values for each (queue, name, limit key or '', due
-- count, '1' when held back by a limit else '0'), then the pairs of 'running' (as a flat list,
-- preceded by its length), then the pairs of 'running:queues' (likewise).
local prefix = ARGV[1]
local now = now_ms()
local limits = {}
for i = 0, tonumber(ARGV[2]) - 1 do
  limits[ARGV[3 + 4 * i]] = { cap = tonumber(ARGV[4 + 4 * i]), permits = tonumber(ARGV[5 + 4 * i]),
    window = tonumber(ARGV[6 + 4 * i]) }
end
local function pairs_of(key)
  if redis.call('TYPE', key).ok ~= 'hash' then
    return {}
  end
  return redis.call('HGETALL', key)
end
local function held_back(name, lkey)
  local limit = limits[name]
  if not limit then
    return false
  end
  local field = limit_field(name, lkey)
  if limit.cap > 0 and redis.call('TYPE', KEYS[1]).ok == 'hash'
      and number(redis.call('HGET', KEYS[1], field)) >= limit.cap then
    return true
  end
  local starts = prefix .. 'rate:' .. field
  return limit.permits > 0 and redis.call('TYPE', starts).ok == 'zset'
      and redis.call('ZCOUNT', starts, '(' .. (now - limit.window), '+inf') >= limit.permits
end
local lanes = {}
each_lane(prefix, function(queue, name, lkey, key)
  local due = redis.call('ZCARD', key)
  if due > 0 then
    lanes[#lanes + 1] = { queue, name, lkey or '', due, held_back(name, lkey) and '1' or '0' }
  end
end)
local reply = { #lanes }
for _, lane in ipairs(lanes) do
  for _, value in ipairs(lane) do
    reply[#reply + 1] = value
  end
end
for _, key in ipairs({ KEYS[1], KEYS[2] }) do
  local values = pairs_of(key)
  reply[#reply + 1] = #values
  for _, value in ipairs(values) do
    reply[#reply + 1] = value
  end
end
return reply
