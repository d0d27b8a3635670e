-- Helpers prepended to every QTasks script (see docs/redis.md for the key layout).
-- Times come from the Redis server's clock, so nodes with skewed clocks agree on leases.

local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function is_finished(status)
  return status == 'success' or status == 'error' or status == 'cancel'
end

-- Changes a task's status, keeping the per-status counts in step.
local function set_status(task, counts, status)
  local old = redis.call('HGET', task, 'status')
  if old ~= status then
    if old then
      redis.call('HINCRBY', counts, old, -1)
    end
    redis.call('HINCRBY', counts, status, 1)
    redis.call('HSET', task, 'status', status)
  end
end

-- Stores a task's final record, schedules its expiry and announces the completion.
local function finish(prefix, task, counts, uuid, record, status, ttl, channel)
  set_status(task, counts, status)
  redis.call('HSET', task, 'record', record)
  redis.call('HINCRBY', task, 'rev', 1)
  redis.call('HDEL', task, 'holder', 'entry', 'cancel')
  redis.call('PEXPIRE', task, ttl)
  redis.call('ZADD', prefix .. 'expiry:' .. status, now_ms() + tonumber(ttl), uuid)
  redis.call('PUBLISH', channel, uuid)
end

