-- Helpers prepended to every QTasks script (see docs/redis.md for the key layout).
-- Times come from the Redis server's clock, so nodes with skewed clocks agree on leases and due
-- times.
--
-- A task's hash holds the fields of two parts: the queue's ('entry', 'priority', 'qname',
-- 'claim', 'deliveries') and the record store's ('record', 'status', 'name', 'rev', 'holder',
-- 'cancel', 'start': the start of an attempt that a claim recorded without rewriting the record,
-- read into it by the record store until the next write of the record). Each part writes only its own fields, except where a script of the Redis engine
-- does both halves of a step at once.

-- TIME is asked once per script call: a script runs at one instant for the rest of the server.
local now_cached = nil
local function now_ms()
  if not now_cached then
    local time = redis.call('TIME')
    now_cached = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  end
  return now_cached
end

-- Redis' Lua takes a few thousand values per call at most, so long lists go in slices (of an
-- even width, so that score and member pairs stay together).
local function call_in_slices(command, key, values)
  for i = 1, #values, 1000 do
    redis.call(command, key, unpack(values, i, math.min(i + 999, #values)))
  end
end

-- Writes gathered over one script call and made once at its end (RedisScripts runs write_later
-- after every script, see the end of this file): a call that claims or completes many tasks
-- changes each counter once and each sorted set in one command, not once per task. A counter
-- read within the call adds what is pending for it (pending).
local later = { counts = {}, running = {}, zadd = {}, zrem = {} }

-- Adds delta to a counter field, to be written at the end of the call.
local function later_add(book, key, field, delta)
  local fields = book[key]
  if not fields then
    fields = {}
    book[key] = fields
  end
  fields[field] = (fields[field] or 0) + delta
end

-- What the call will still add to a counter field.
local function pending(book, key, field)
  local fields = book[key]
  return fields and fields[field] or 0
end

-- Appends values (members, or score and member pairs) to the list of a sorted set.
local function later_list(book, key, ...)
  local values = book[key]
  if not values then
    values = {}
    book[key] = values
  end
  for _, value in ipairs({ ... }) do
    values[#values + 1] = value
  end
end

-- Reads fields of a task's hash. A key of another type (written by some other program)
-- reads as no task, so that it cannot stop a script half-way through its writes: HMGET refuses
-- it, and the refusal is caught (one command instead of TYPE + HMGET).
local function task_fields(task, ...)
  local fields = redis.pcall('HMGET', task, ...)
  if fields.err then
    return {}
  end
  return fields
end

-- A stored number; anything else (a foreign value) counts as 0.
local function number(value)
  return math.floor(tonumber(value) or 0)
end

-- Adds one to a counter field of a task's hash; a value that is no number counts as 0.
local function bump(task, field)
  local value = redis.pcall('HINCRBY', task, field, 1)
  if type(value) == 'number' then
    return value
  end
  value = number(redis.call('HGET', task, field)) + 1
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
  local value = redis.pcall('ZSCORE', key, member)
  if type(value) == 'table' then
    return nil
  end
  return value
end

local function is_finished(status)
  return status == 'success' or status == 'error' or status == 'cancel'
end

-- Publishes a wake-up while a receiver waits for tasks, once per script call.
local woken = {}
local function wake(idle, channel)
  if not woken[channel] and redis.call('ZCOUNT', idle, now_ms(), '+inf') > 0 then
    redis.call('PUBLISH', channel, '')
    woken[channel] = true
  end
end

-- The queue part ------------------------------------------------------------------------------
-- Due tasks wait in one sorted set per task name, 'pending:<name>', so that a worker claims only
-- the tasks it knows; the set 'names' lists the names that have due tasks.
-- That holds for the default queue and tasks without a limit key. More generally a due task waits
-- in the lane of its queue, name and limit key (the hash fields 'queue', 'qname' and 'lkey'): the
-- lanes of a named queue live under 'queue:<queue>:' (queue names are [A-Za-z0-9._-]+), and a
-- lane with a limit key is 'lane:<JSON [name, key]>', listed in the set 'lanes' of its queue. The
-- set 'queues' lists the named queues (other than the default) that have due tasks. A worker
-- passes over a whole lane when its limit is reached, so one lane never blocks another.

local function pending_key(prefix, name)
  return prefix .. 'pending:' .. (name or '')
end

local function is_default_queue(queue)
  return not queue or queue == '' or queue == 'default'
end

-- The prefix of a queue's keys: the application's for the default queue.
local function queue_prefix(prefix, queue)
  if is_default_queue(queue) then
    return prefix
  end
  return prefix .. 'queue:' .. queue .. ':'
end

local function has_key(lkey)
  return lkey and lkey ~= ''
end

-- A lane with a limit key, as a member of its queue's 'lanes'.
local function lane_id(name, lkey)
  return cjson.encode({ name or '', lkey })
end

-- The sorted set of the due tasks of one queue, name and limit key.
local function lane_key(prefix, queue, name, lkey)
  if has_key(lkey) then
    return queue_prefix(prefix, queue) .. 'lane:' .. lane_id(name, lkey)
  end
  return pending_key(queue_prefix(prefix, queue), name)
end

-- The set that lists a lane while it has due tasks, and the lane's member in it.
local function lane_listing(prefix, queue, name, lkey)
  local qp = queue_prefix(prefix, queue)
  if has_key(lkey) then
    return qp .. 'lanes', lane_id(name, lkey)
  end
  return qp .. 'names', name or ''
end

-- Lists a lane as having due tasks.
local function lane_listed(prefix, queue, name, lkey)
  redis.call('SADD', lane_listing(prefix, queue, name, lkey))
  if queue_prefix(prefix, queue) ~= prefix then
    redis.call('SADD', prefix .. 'queues', queue)
  end
end

-- Takes a lane off the lists when it has no due task left.
local function lane_unlisted_if_empty(prefix, queue, name, lkey)
  if redis.call('ZCARD', lane_key(prefix, queue, name, lkey)) > 0 then
    return
  end
  redis.call('SREM', lane_listing(prefix, queue, name, lkey))
  local qp = queue_prefix(prefix, queue)
  if qp ~= prefix and redis.call('SCARD', qp .. 'names') == 0 and redis.call('SCARD', qp .. 'lanes') == 0 then
    redis.call('SREM', prefix .. 'queues', queue)
  end
end

-- The lane of a task: its queue, name and limit key.
local function task_lane(task)
  local fields = task_fields(task, 'queue', 'qname', 'lkey')
  return fields[1], fields[2], fields[3]
end

-- The default queue and the named queues that have due tasks.
local function queues_with_due(prefix)
  local queues = { 'default' }
  for _, queue in ipairs(redis.call('SMEMBERS', prefix .. 'queues')) do
    queues[#queues + 1] = queue
  end
  return queues
end

-- Calls fn(queue, name, lkey, key) for the lanes of one queue that are listed as having due
-- tasks; with names (a set of task names), only for those (a member of 'lanes' that is no
-- [name, key] pair, written by another program, is left out). The listings are walked rather
-- than every name looked up, so that a claim costs commands by the lanes with due tasks, not
-- by the task names the node knows.
local function each_lane_of(prefix, queue, names, fn)
  local qp = queue_prefix(prefix, queue)
  for _, name in ipairs(redis.call('SMEMBERS', qp .. 'names')) do
    if not names or names[name] then
      fn(queue, name, nil, pending_key(qp, name))
    end
  end
  for _, id in ipairs(redis.call('SMEMBERS', qp .. 'lanes')) do
    local ok, lane = pcall(cjson.decode, id)
    if ok and type(lane) == 'table' and type(lane[1]) == 'string' and type(lane[2]) == 'string'
        and (not names or names[lane[1]]) then
      fn(queue, lane[1], lane[2], lane_key(prefix, queue, lane[1], lane[2]))
    end
  end
end

-- Calls fn(queue, name, lkey, key) for every lane that has due tasks, in every queue.
local function each_lane(prefix, fn)
  for _, queue in ipairs(queues_with_due(prefix)) do
    each_lane_of(prefix, queue, nil, fn)
  end
end

-- Adds to a counter field of a hash, dropping the field at 0 or below; a foreign value counts as
-- 0, and a key of another type is left alone.
local function hash_add(key, field, delta)
  -- one command in the usual case; the checks only once HINCRBY refuses
  local value = redis.pcall('HINCRBY', key, field, delta)
  if type(value) ~= 'number' then
    if redis.call('TYPE', key).ok ~= 'hash' then
      return 0
    end
    value = delta
    if value > 0 then
      redis.call('HSET', key, field, value)
    end
  end
  if value <= 0 then
    redis.call('HDEL', key, field)
  end
  return value
end

-- The field of a task name and limit key in the hash 'running' of claims held.
local function limit_field(name, lkey)
  return cjson.encode({ name or '', lkey or '' })
end

-- Changes the running-claim counts of one claim, by name and limit key ('running') and by queue
-- ('running:queues'), at the end of the script call.
local function running_add(prefix, field, queue, delta)
  later_add(later.running, prefix .. 'running', field, delta)
  later_add(later.running, prefix .. 'running:queues', queue or 'default', delta)
end

-- The claims held of a task name and limit key, with what this call has counted so far; a value
-- that is no number, or a 'running' key of another type, counts as 0.
local function running_of(prefix, field)
  local held = redis.pcall('HGET', prefix .. 'running', field)
  if type(held) == 'table' then
    held = 0
  end
  return number(held) + pending(later.running, prefix .. 'running', field)
end

-- Counts an ended claim off 'running' and 'running:queues', given the task's fields 'counted',
-- 'cqueue' and 'capped' (nothing when it was not counted); a waiting receiver is woken when a
-- cap counted it, since a task held back by that cap may start now.
local function counted_off(prefix, counted, cqueue, capped)
  if not counted then
    return
  end
  running_add(prefix, counted, cqueue, -1)
  if capped == '1' then
    wake(prefix .. 'receivers:idle', prefix .. 'wake')
  end
end

-- Counts an ended claim off, as its task's hash notes it, and drops the note.
local function claim_uncounted(prefix, task)
  local fields = task_fields(task, 'counted', 'cqueue', 'capped')
  if fields[1] then
    counted_off(prefix, fields[1], fields[2], fields[3])
    redis.call('HDEL', task, 'counted', 'cqueue', 'capped')
  end
end

-- The entry of a task in a due set for a number of the sequence: fixed-width hex first, so that
-- entries of one priority sort in the order they were numbered.
local function entry_for(number, uuid)
  return string.format('%016x', number) .. uuid
end

-- A new queue entry: 16 hex digits of a sequence number, then the uuid. Entries of one priority
-- (the score) sort by it, first in, first out, across all names.
local function new_entry(seq, uuid)
  return entry_for(redis.call('INCR', seq), uuid)
end

-- Puts an entry into the due set of its task's lane (its queue, name and limit key).
local function queue_due(prefix, names, task, name, priority, entry)
  local queue, _, lkey = task_lane(task)
  redis.call('HSET', task, 'entry', entry)
  redis.call('ZADD', lane_key(prefix, queue, name, lkey), score(priority), entry)
  lane_listed(prefix, queue, name, lkey)
end

-- Takes an entry out of the due set of a lane, and the lane off its lists when none is left.
local function queue_undue(prefix, names, name, entry, queue, lkey)
  local removed = redis.call('ZREM', lane_key(prefix, queue, name, lkey), entry)
  lane_unlisted_if_empty(prefix, queue, name, lkey)
  return removed == 1
end

-- Queues a task at the back of its priority, or waits it until delay_ms from now. A queue and a
-- limit key given (a new task) are noted in its hash; a requeue keeps those noted. The hash is
-- written with one HSET (and one HDEL).
local function queue_add(prefix, task, names, waiting, seq, uuid, name, priority, delay_ms, queue, lkey)
  local writes = { 'priority', priority, 'qname', name }
  local removed = {}
  local lane_queue, lane_lkey = queue, lkey
  if queue then
    writes[#writes + 1] = 'queue'
    writes[#writes + 1] = queue
    if has_key(lkey) then
      writes[#writes + 1] = 'lkey'
      writes[#writes + 1] = lkey
    else
      removed[#removed + 1] = 'lkey'
    end
  else
    local fields = task_fields(task, 'queue', 'lkey')
    lane_queue, lane_lkey = fields[1], fields[2]
  end
  local entry = nil
  if tonumber(delay_ms) > 0 then
    removed[#removed + 1] = 'entry'
  else
    entry = new_entry(seq, uuid)
    writes[#writes + 1] = 'entry'
    writes[#writes + 1] = entry
  end
  redis.call('HSET', task, unpack(writes))
  if #removed > 0 then
    redis.call('HDEL', task, unpack(removed))
  end
  if entry then
    redis.call('ZADD', lane_key(prefix, lane_queue, name, lane_lkey), score(priority), entry)
    lane_listed(prefix, lane_queue, name, lane_lkey)
  else
    redis.call('ZADD', waiting, now_ms() + tonumber(delay_ms), uuid)
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

-- Whether a task's entry is in the due set of its lane.
local function queue_is_due(prefix, task)
  local fields = task_fields(task, 'entry', 'qname', 'queue', 'lkey')
  return fields[1] and zscore(lane_key(prefix, fields[3], fields[2], fields[4]), fields[1]), fields
end

-- Takes a queued or waiting (not claimed) task out of the queue.
local function queue_remove(prefix, task, names, waiting, uuid)
  local due, fields = queue_is_due(prefix, task)
  if due then
    queue_undue(prefix, names, fields[2], fields[1], fields[3], fields[4])
    redis.call('HDEL', task, 'entry')
    return true
  end
  return redis.call('ZREM', waiting, uuid) == 1
end

-- Whether a task is queued or waiting (not claimed).
local function queue_holds(prefix, task, waiting, uuid)
  return queue_is_due(prefix, task) or zscore(waiting, uuid)
end

-- Ends a claim when the token still holds it, and counts it off its limits (the application's
-- key prefix is the in-flight key's, less 'inflight').
local function queue_end_claim(task, inflight, uuid, token)
  if task_fields(task, 'claim')[1] ~= token then
    return false
  end
  redis.call('ZREM', inflight, uuid)
  redis.call('HDEL', task, 'claim')
  claim_uncounted(string.sub(inflight, 1, -9), task)
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
-- key and keep_ms are the task's fields 'ukey' and 'ufor'.
local function unique_release(prefix, uuid, key, keep_ms)
  if not key then
    return
  end
  local ukey = unique_key(prefix, key)
  if redis.call('TYPE', ukey).ok == 'string' and redis.call('GET', ukey) == uuid then
    if number(keep_ms) > 0 then
      redis.call('PEXPIRE', ukey, number(keep_ms))
    else
      redis.call('DEL', ukey)
    end
  end
end

-- Takes the unique key of a finished task that is queued again, when no other task holds it.
-- key is the task's field 'ukey'.
local function unique_retake(prefix, uuid, key)
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
  -- one command in the usual case; HINCRBY refuses a key of another type and a count that is
  -- no integer, and only then is the count looked at
  if type(redis.pcall('HINCRBY', counts, status, delta)) == 'number' then
    return
  end
  redis.call('SET', counts .. ':stale', '1')
  if redis.call('TYPE', counts).ok == 'hash' then
    redis.call('HSET', counts, status, delta)
  end
end

-- Counts a task's change of status from old (nil or false: none) at the end of the call, and
-- adds the status field to the fields to write (a flat list of names and values) when it changes.
local function status_changed(counts, old, status, writes)
  if old ~= status then
    if old then
      later_add(later.counts, counts, old, -1)
    end
    later_add(later.counts, counts, status, 1)
    writes[#writes + 1] = 'status'
    writes[#writes + 1] = status
  end
end

-- The record store's fields of a new task, beside its record.
local function new_record_fields(name)
  return { 'status', 'new', 'name', name, 'rev', 1 }
end

-- Stores a new record; false when one exists.
local function store_insert(task, counts, index, uuid, record, name, created_ms)
  if task_fields(task, 'record')[1] then
    return false
  end
  redis.call('HSET', task, 'record', record, unpack(new_record_fields(name)))
  redis.call('ZADD', index, created_ms, uuid)
  later_add(later.counts, counts, 'new', 1)
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

-- Publishes that a task finished, only while some node waits for results: 'waiters' lists them,
-- scored by when their registration runs out. With nobody waiting a completion publishes nothing,
-- so that no node wakes up for it. A key of another type (written by some other program) counts
-- as nobody waiting rather than stopping the script.
-- Whether anybody waits is asked once per script call.
local waiters_present = {}
local function announce_finished(prefix, channel, uuid)
  if waiters_present[prefix] == nil then
    local waiting = redis.pcall('ZCOUNT', prefix .. 'waiters', now_ms(), '+inf')
    waiters_present[prefix] = type(waiting) == 'number' and waiting > 0
  end
  if waiters_present[prefix] then
    redis.call('PUBLISH', channel, uuid)
  end
end

-- Writes a record when the fence passes: the holder is the token, or the revision is the one
-- the writer read. A record in process is held by the token; any other by no one. The record
-- replaces a start recorded by a claim (it was built from what the store read). A final
-- record forgets its cancel request, expires after ttl ms and is announced.
-- Given the in-flight key (the claim's completion), a written record also ends the claim when
-- the token still holds it, as queue_end_claim does, and the task leaves the queue. The task's
-- hash is read once and written with one HSET and one HDEL.
-- Returns {1, ''} when written, {0, ''} when fenced, {2, reason} when refused for a pending
-- cancel request (only when refuse_on_cancel is '1').
local function store_write(prefix, task, counts, uuid, record, status, token, rev, refuse_on_cancel, ttl,
    finished_channel, inflight)
  local fields = task_fields(task, 'rev', 'holder', 'cancel', 'record', 'status', 'ukey', 'ufor', 'claim', 'counted',
    'cqueue', 'capped')
  if not fields[4] then
    return { 0, '' }
  end
  if not ((token ~= '' and fields[2] == token) or number(fields[1]) == number(rev)) then
    return { 0, '' }
  end
  if refuse_on_cancel == '1' and fields[3] then
    return { 2, fields[3] }
  end
  local old_status = fields[5]
  local writes = { 'record', record, 'rev', number(fields[1]) + 1 }
  local removed = { 'start' }
  status_changed(counts, old_status, status, writes)
  if status == 'process' and token ~= '' then
    writes[#writes + 1] = 'holder'
    writes[#writes + 1] = token
  elseif status ~= 'process' then
    removed[#removed + 1] = 'holder'
  end
  if is_finished(status) then
    removed[#removed + 1] = 'cancel'
  end
  if inflight and fields[8] == token then
    later_list(later.zrem, inflight, uuid)
    for _, field in ipairs({ 'claim', 'entry', 'counted', 'cqueue', 'capped' }) do
      removed[#removed + 1] = field
    end
    counted_off(prefix, fields[9], fields[10], fields[11])
  end
  redis.call('HSET', task, unpack(writes))
  redis.call('HDEL', task, unpack(removed))
  if is_finished(status) then
    redis.call('PEXPIRE', task, ttl)
    later_list(later.zadd, prefix .. 'expiry:' .. status, now_ms() + tonumber(ttl), uuid)
    announce_finished(prefix, finished_channel, uuid)
    unique_release(prefix, uuid, fields[6], fields[7])
  elseif old_status and is_finished(old_status) then
    unique_retake(prefix, uuid, fields[6])
  end
  return { 1, '' }
end

-- Makes the writes gathered over the call (see later): the sorted sets' removals before their
-- additions, then the counters.
local function write_later()
  for key, members in pairs(later.zrem) do
    call_in_slices('ZREM', key, members)
  end
  for key, pairs_of in pairs(later.zadd) do
    call_in_slices('ZADD', key, pairs_of)
  end
  for book, apply in pairs({ [later.counts] = count_add, [later.running] = hash_add }) do
    for key, fields in pairs(book) do
      for field, delta in pairs(fields) do
        if delta ~= 0 then
          apply(key, field, delta)
        end
      end
    end
  end
end
