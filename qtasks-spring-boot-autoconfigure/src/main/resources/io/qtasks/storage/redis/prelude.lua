-- Helpers prepended to every QTasks script (see docs/redis.md for the key layout).
-- Times come from the Redis server's clock, so nodes with skewed clocks agree on leases.

local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- Reads fields of a task's hash. A key of another type (written by some other program)
-- reads as no task, so that it cannot stop a script half-way through its writes.
local function task_fields(task, ...)
  if redis.call('TYPE', task).ok ~= 'hash' then
    return {}
  end
  return redis.call('HMGET', task, ...)
end

-- Adds one to a counter field of a task's hash; a value that is no number counts as 0.
local function bump(task, field)
  local value = math.floor(tonumber(redis.call('HGET', task, field)) or 0) + 1
  redis.call('HSET', task, field, value)
  return value
end

-- A priority as a queue score; one that is no number sorts as 0.
local function score(priority)
  return tonumber(priority) or 0
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
  bump(task, 'rev')
  redis.call('HDEL', task, 'holder', 'entry', 'cancel')
  redis.call('PEXPIRE', task, ttl)
  redis.call('ZADD', prefix .. 'expiry:' .. status, now_ms() + tonumber(ttl), uuid)
  redis.call('PUBLISH', channel, uuid)
end

