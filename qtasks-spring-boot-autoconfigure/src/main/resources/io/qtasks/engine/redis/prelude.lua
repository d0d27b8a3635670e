-- Helpers prepended to every QTasks script (see docs/redis.md for the key layout).
-- Times come from the Redis server's clock, so nodes with skewed clocks agree on leases and due
-- times.
--
-- A task's hash holds the fields of two parts: the queue's ('entry', 'priority', 'qname',
-- 'claim', 'deliveries') and the record store's ('record', 'status', 'name', 'rev', 'holder',
-- 'cancel'). Each part writes only its own fields, except where a script of the Redis engine
-- does both halves of a step at once.

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

-- A stored number; anything else (a foreign value) counts as 0.
local function number(value)
  return math.floor(tonumber(value) or 0)
end

-- Adds one to a counter field of a task's hash; a value that is no number counts as 0.
local function bump(task, field)
  local value = number(redis.call('HGET', task, field)) + 1
  redis.call('HSET', task, field, value)
  return value
end

-- A priority as a queue score; one that is no number sorts as 0.
local function score(priority)
  return tonumber(priority) or 0
end

-- Whether a value is a uuid in its canonical form (36 characters, lower or upper case hex).
local function is_uuid(value)
  return string.match(value, '^%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$') ~= nil
end

-- The score of a member of a sorted set, or nil; a key of another type holds no member.
local function zscore(key, member)
  if redis.call('TYPE', key).ok ~= 'zset' then
    return nil
  end
  return redis.call('ZSCORE', key, member)
end

local function is_finished(status)
  return status == 'success' or status == 'error' or status == 'cancel'
end

-- Publishes a wake-up while a receiver waits for tasks.
local function wake(idle, channel)
  if redis.call('ZCOUNT', idle, now_ms(), '+inf') > 0 then
    redis.call('PUBLISH', channel, '')
  end
end

-- The queue part ------------------------------------------------------------------------------
-- Due tasks wait in one sorted set per task name, 'pending:<name>', so that a worker claims only
-- the tasks it knows; the set 'names' lists the names that have due tasks.

local function pending_key(prefix, name)
  return prefix .. 'pending:' .. (name or '')
end

-- A new queue entry: 16 hex digits of a sequence number, then the uuid. Entries of one priority
-- (the score) sort by it, first in, first out, across all names.
local function new_entry(seq, uuid)
  return string.format('%016x', redis.call('INCR', seq)) .. uuid
end

-- Puts an entry into the due set of its task's name.
local function queue_due(prefix, names, task, name, priority, entry)
  redis.call('HSET', task, 'entry', entry)
  redis.call('ZADD', pending_key(prefix, name), score(priority), entry)
  redis.call('SADD', names, name)
end

-- Takes an entry out of the due set of a name, and the name out of 'names' when none is left.
local function queue_undue(prefix, names, name, entry)
  local key = pending_key(prefix, name)
  local removed = redis.call('ZREM', key, entry)
  if redis.call('ZCARD', key) == 0 then
    redis.call('SREM', names, name or '')
  end
  return removed == 1
end

-- Queues a task at the back of its priority, or waits it until delay_ms from now.
local function queue_add(prefix, task, names, waiting, seq, uuid, name, priority, delay_ms)
  redis.call('HSET', task, 'priority', priority, 'qname', name)
  if tonumber(delay_ms) > 0 then
    redis.call('HDEL', task, 'entry')
    redis.call('ZADD', waiting, now_ms() + tonumber(delay_ms), uuid)
  else
    queue_due(prefix, names, task, name, priority, new_entry(seq, uuid))
  end
end

-- Puts a task that was claimed back: at its old place, or waiting until delay_ms from now.
local function queue_put_back(prefix, task, names, waiting, seq, uuid, delay_ms)
  if tonumber(delay_ms) > 0 then
    redis.call('HDEL', task, 'entry')
    redis.call('ZADD', waiting, now_ms() + tonumber(delay_ms), uuid)
    return
  end
  local fields = redis.call('HMGET', task, 'entry', 'priority', 'qname')
  queue_due(prefix, names, task, fields[3] or '', fields[2], fields[1] or new_entry(seq, uuid))
end

-- Takes a queued or waiting (not claimed) task out of the queue.
local function queue_remove(prefix, task, names, waiting, uuid)
  local fields = task_fields(task, 'entry', 'qname')
  if fields[1] and zscore(pending_key(prefix, fields[2]), fields[1]) then
    queue_undue(prefix, names, fields[2], fields[1])
    redis.call('HDEL', task, 'entry')
    return true
  end
  return redis.call('ZREM', waiting, uuid) == 1
end

-- Whether a task is queued or waiting (not claimed).
local function queue_holds(prefix, task, waiting, uuid)
  local fields = task_fields(task, 'entry', 'qname')
  return (fields[1] and zscore(pending_key(prefix, fields[2]), fields[1])) or zscore(waiting, uuid)
end

-- Ends a claim when the token still holds it.
local function queue_end_claim(task, inflight, uuid, token)
  if task_fields(task, 'claim')[1] ~= token then
    return false
  end
  redis.call('ZREM', inflight, uuid)
  redis.call('HDEL', task, 'claim')
  return true
end

-- The unique keys part -----------------------------------------------------------------------
-- A unique key is a string 'unique:<key>' holding the uuid of the task that took it; the task's
-- hash names the key ('ukey') and how many ms it stays taken after the task finished ('ufor').
-- The key is deleted when its task finishes, or expires 'ufor' ms later. A key whose task is
-- gone, or finished with no time to live left, is free.

local function unique_key(prefix, key)
  return prefix .. 'unique:' .. key
end

-- The uuid of the task that holds a unique key, other than the given one; nil when it is free.
local function unique_holder(prefix, ukey, uuid)
  if redis.call('TYPE', ukey).ok ~= 'string' then
    return nil
  end
  local holder = redis.call('GET', ukey)
  if holder == uuid or not is_uuid(holder) then
    return nil
  end
  local status = task_fields(prefix .. 'task:' .. holder, 'status')[1]
  if not status then
    return nil
  end
  if not is_finished(status) or redis.call('PTTL', ukey) > 0 then
    return holder
  end
  return nil
end

-- Frees the unique key of a task that finished, or keeps it for the task's 'ufor' ms.
local function unique_release(prefix, task, uuid)
  local fields = redis.call('HMGET', task, 'ukey', 'ufor')
  if not fields[1] then
    return
  end
  local ukey = unique_key(prefix, fields[1])
  if redis.call('TYPE', ukey).ok == 'string' and redis.call('GET', ukey) == uuid then
    if number(fields[2]) > 0 then
      redis.call('PEXPIRE', ukey, number(fields[2]))
    else
      redis.call('DEL', ukey)
    end
  end
end

-- Takes the unique key of a finished task that is queued again, when no other task holds it.
local function unique_retake(prefix, task, uuid)
  local key = redis.call('HGET', task, 'ukey')
  if key then
    local ukey = unique_key(prefix, key)
    if not unique_holder(prefix, ukey, uuid) then
      redis.call('SET', ukey, uuid)
    end
  end
end

-- The record store part -----------------------------------------------------------------------

-- Adds to the count of a status. A count that is no integer, or a counts key of another type
-- (written by some other program), cannot stop the script: the counts are marked stale, and the
-- housekeeping counts them again from the records.
local function count_add(counts, status, delta)
  local kind = redis.call('TYPE', counts).ok
  if kind ~= 'hash' and kind ~= 'none' then
    redis.call('SET', counts .. ':stale', '1')
    return
  end
  local value = redis.call('HGET', counts, status)
  if value and not string.match(value, '^%-?%d+$') then
    redis.call('SET', counts .. ':stale', '1')
    value = '0'
  end
  redis.call('HSET', counts, status, (tonumber(value) or 0) + delta)
end

-- Changes a task's status, keeping the per-status counts in step.
local function set_status(task, counts, status)
  local old = redis.call('HGET', task, 'status')
  if old ~= status then
    if old then
      count_add(counts, old, -1)
    end
    count_add(counts, status, 1)
    redis.call('HSET', task, 'status', status)
  end
end

-- Stores a new record; false when one exists.
local function store_insert(task, counts, index, uuid, record, name, created_ms)
  if task_fields(task, 'record')[1] then
    return false
  end
  redis.call('HSET', task, 'record', record, 'status', 'new', 'name', name, 'rev', 1)
  redis.call('ZADD', index, created_ms, uuid)
  count_add(counts, 'new', 1)
  return true
end

-- Stores a new record that takes a unique key (key '' for none), unless another task holds the
-- key. Returns 'stored', 'duplicate' (a record with the uuid exists) or the holder's uuid.
local function store_insert_unique(prefix, task, counts, index, uuid, record, name, created_ms, key, keep_ms)
  local ukey = nil
  if key ~= '' then
    ukey = unique_key(prefix, key)
    local holder = unique_holder(prefix, ukey, uuid)
    if holder then
      return holder
    end
  end
  if not store_insert(task, counts, index, uuid, record, name, created_ms) then
    return 'duplicate'
  end
  if ukey then
    redis.call('SET', ukey, uuid)
    redis.call('HSET', task, 'ukey', key, 'ufor', keep_ms)
  end
  return 'stored'
end

-- Writes a record when the fence passes: the holder is the token, or the revision is the one
-- the writer read. A record in process is held by the token; any other by no one. A final
-- record forgets its cancel request, expires after ttl ms and is announced.
-- Returns {1, ''} when written, {0, ''} when fenced, {2, reason} when refused for a pending
-- cancel request (only when refuse_on_cancel is '1').
local function store_write(prefix, task, counts, uuid, record, status, token, rev, refuse_on_cancel, ttl,
    finished_channel)
  local fields = task_fields(task, 'rev', 'holder', 'cancel', 'record')
  if not fields[4] then
    return { 0, '' }
  end
  if not ((token ~= '' and fields[2] == token) or number(fields[1]) == number(rev)) then
    return { 0, '' }
  end
  if refuse_on_cancel == '1' and fields[3] then
    return { 2, fields[3] }
  end
  local old_status = redis.call('HGET', task, 'status')
  set_status(task, counts, status)
  redis.call('HSET', task, 'record', record)
  bump(task, 'rev')
  if status == 'process' and token ~= '' then
    redis.call('HSET', task, 'holder', token)
  elseif status ~= 'process' then
    redis.call('HDEL', task, 'holder')
  end
  if is_finished(status) then
    redis.call('HDEL', task, 'cancel')
    redis.call('PEXPIRE', task, ttl)
    redis.call('ZADD', prefix .. 'expiry:' .. status, now_ms() + tonumber(ttl), uuid)
    redis.call('PUBLISH', finished_channel, uuid)
    unique_release(prefix, task, uuid)
  elseif old_status and is_finished(old_status) then
    unique_retake(prefix, task, uuid)
  end
  return { 1, '' }
end
