-- Claims up to max due tasks of the given names and queues, lowest priority first and first in,
-- first out within a priority (across names and queues): each moves to in-flight with a lease
-- deadline and a fencing token of the caller's (random, never reused), and is counted in
-- 'running' by name and limit key and in 'running:queues' by queue until its claim ends.
-- KEYS: 1 names, 2 inflight, 3 dead letters, 4 idle receivers, 5 waiting, 6 seq
-- ARGV: 1 key prefix, 2 max, 3 lease ms, 4 receiver id, 5 how long the receiver waits when it
--       finds nothing, in ms (0: it does not wait), 6 '1' when the records live in the same
--       hashes, 7 how many task names follow (-1: any name), then the names, then a token base (24
--       hex digits, random: the n-th task this call claims, from 0, takes the base and n as 8 hex
--       digits as its token), then how many limits follow and four values for each
--       (task name, cap or 0, starts per window or 0, window ms), then how many queues follow
--       (-1: any queue) and their names, then how many shares follow and two values for each
--       (queue, the most tasks to take from it), then the worker node that starts what it claims
--       ('' or absent: none).
-- First, waiting tasks that are due go to the back of their priority, earliest due first.
-- A lane (queue, name, limit key) whose cap is reached or whose window is full is passed over,
-- as is a queue whose share is taken; the tasks behind them are claimed. The starts of a rated
-- name and key are a sorted set 'rate:<JSON [name, key]>' of claim tokens scored by time, kept
-- for one window: at most the limit's count of starts in any window of its length.
-- A receiver that finds nothing and will wait is listed as idle until its wait runs out, so that
-- queueing a task, or a claim ending, wakes it; one that found tasks is no longer idle.
-- With the records alongside, a claim marks the record as held by its token (moving its revision
-- on) and returns it, so that the worker needs no second round trip. Given a worker node, it also
-- records the start of the task's attempt: status 'process' (counted) and the field 'start',
-- '<claim time ms> <deliveries> <node>', which the record store reads into the record (the
-- attempt's entry, see ClaimStarts), so that the worker writes no 'process'
-- record of its own; the next write of the record takes the field away. A start left by an
-- earlier claim that wrote nothing (its lease ran out) stays, and is read as that attempt: this
-- claim then records none, and its worker writes its start itself. So does the worker of a task
-- whose status field is no unfinished status (written by another program: its record cannot be
-- read, and the task ends as error).
-- Returns the ms until the next waiting task is due or a full window frees a start (-1: none),
-- then groups of ten: 'task', uuid, token, deliveries, record, status (before the claim),
-- revision, cancel request, start field, '1' when this claim recorded that start ('' where
-- absent) for a claimed task, or 'invalid', entry, reason and seven '' for an entry that names no
-- queued task (moved to the dead letters).
local prefix = ARGV[1]
local now = now_ms()
-- whether the dead letters key holds a list (or nothing yet), asked at the first invalid entry
local dead_letters_kept = nil
local due = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, 1000)
for _, uuid in ipairs(due) do
  redis.call('ZREM', KEYS[5], uuid)
  local task = prefix .. 'task:' .. uuid
  if redis.call('TYPE', task).ok == 'hash' then
    local fields = redis.call('HMGET', task, 'priority', 'qname')
    queue_due(prefix, KEYS[1], task, fields[2] or '', fields[1], new_entry(KEYS[6], uuid))
  end
end

local count = tonumber(ARGV[7])
local max = tonumber(ARGV[2])
local accepted = nil
local first_token = 8
if count >= 0 then
  accepted = {}
  for i = 1, count do
    accepted[ARGV[7 + i]] = true
  end
  first_token = 8 + count
end
local at = first_token + 1
local limits = {}
for _ = 1, tonumber(ARGV[at]) do
  limits[ARGV[at + 1]] = { cap = tonumber(ARGV[at + 2]), permits = tonumber(ARGV[at + 3]),
    window = tonumber(ARGV[at + 4]) }
  at = at + 4
end
at = at + 1
local queues = {}
local shares = {}
local queue_count = tonumber(ARGV[at])
if queue_count < 0 then
  queues = queues_with_due(prefix)
  queue_count = 0
else
  for i = 1, queue_count do
    queues[i] = ARGV[at + i]
  end
end
at = at + queue_count + 1
for i = 1, tonumber(ARGV[at]) do
  shares[ARGV[at + 2 * i - 1]] = tonumber(ARGV[at + 2 * i])
end
local start_node = ARGV[at + 2 * tonumber(ARGV[at]) + 1] or ''

local claimed = {}
local taken = 0

-- The first entries of each lane are read in one ZRANGE (at most 16 at first, so that many lanes
-- with due tasks do not make a claim read far more than it takes; then as many as may still be
-- taken), and the lane's head moves along them (nothing is removed until the end of the call, so
-- a further read goes on from where the last one ended); what was taken leaves the lane in one
-- ZREM.
local heads = {}
local lanes = {}
local function fetch(lane)
  local wanted = math.max(max - taken, 1)
  if lane.read == 0 then
    wanted = math.min(wanted, 16)
  end
  local range = redis.pcall('ZRANGE', lane.key, lane.read, lane.read + wanted - 1, 'WITHSCORES')
  if range.err then
    range = {}
  end
  lane.range = range
  lane.at = 1
  lane.read = lane.read + #range / 2
  lane.last = #range < 2 * wanted
end
local function head(lane)
  if lane.at > #lane.range and not lane.last and taken < max then
    fetch(lane)
  end
  if lane.at > #lane.range then
    heads[lane.key] = nil
    return
  end
  lane.entry = lane.range[lane.at]
  lane.score = tonumber(lane.range[lane.at + 1])
  heads[lane.key] = lane
end
local function peek(lane)
  lane.read = 0
  lane.taken = {}
  lanes[#lanes + 1] = lane
  fetch(lane)
  head(lane)
end
local function take(lane)
  lane.taken[#lane.taken + 1] = lane.entry
  lane.at = lane.at + 2
  head(lane)
end
local function remove_taken()
  for _, lane in ipairs(lanes) do
    if #lane.taken > 0 then
      call_in_slices('ZREM', lane.key, lane.taken)
      if lane.at > #lane.range then
        lane_unlisted_if_empty(prefix, lane.queue, lane.name, lane.lkey)
      end
    end
  end
end
for _, queue in ipairs(queues) do
  if shares[queue] ~= 0 then
    each_lane_of(prefix, queue, accepted, function(q, name, lkey, key)
      peek({ queue = q, name = name, lkey = lkey, key = key })
    end)
  end
end
local function best()
  local chosen = nil
  for key, head in pairs(heads) do
    local top = chosen and heads[chosen]
    if not top or head.score < top.score or (head.score == top.score and head.entry < top.entry) then
      chosen = key
    end
  end
  return chosen
end

-- ms until a start is free when the lane's window is full, 0 when its cap is reached, nil when
-- it may start
local next_free = -1
local function held_back(lane)
  if shares[lane.queue] and shares[lane.queue] <= 0 then
    return 0
  end
  local limit = limits[lane.name]
  if not limit then
    return nil
  end
  local field = limit_field(lane.name, lane.lkey)
  if limit.cap > 0 and running_of(prefix, field) >= limit.cap then
    return 0
  end
  if limit.permits > 0 then
    local starts = prefix .. 'rate:' .. field
    if redis.call('TYPE', starts).ok == 'zset' then
      redis.call('ZREMRANGEBYSCORE', starts, '-inf', now - limit.window)
      if redis.call('ZCARD', starts) >= limit.permits then
        local oldest = redis.call('ZRANGE', starts, 0, 0, 'WITHSCORES')
        return math.max(1, tonumber(oldest[2]) + limit.window - now)
      end
    end
  end
  return nil
end
local function started(lane, token)
  local limit = limits[lane.name]
  if limit and limit.permits > 0 then
    local starts = prefix .. 'rate:' .. limit_field(lane.name, lane.lkey)
    local kind = redis.call('TYPE', starts).ok
    if kind == 'zset' or kind == 'none' then
      redis.call('ZADD', starts, now, token)
      redis.call('PEXPIRE', starts, limit.window)
    end
  end
  if shares[lane.queue] then
    shares[lane.queue] = shares[lane.queue] - 1
  end
end

local function add(...)
  for _, value in ipairs({ ... }) do
    claimed[#claimed + 1] = value
  end
end
local tokens = 0
while taken < max do
  local key = best()
  if not key then
    break
  end
  local lane = heads[key]
  local wait = held_back(lane)
  if wait then
    heads[key] = nil
    if wait > 0 and (next_free < 0 or wait < next_free) then
      next_free = wait
    end
  else
    local entry = lane.entry
    taken = taken + 1
    take(lane)
    local uuid = string.sub(entry, 17)
    local task = prefix .. 'task:' .. uuid
    local reason = nil
    local fields = {}
    if #entry ~= 52 or not string.match(string.sub(entry, 1, 16), '^%x+$') or not is_uuid(uuid) then
      reason = 'not a QTasks queue entry (expected 16 hex digits and a uuid)'
    else
      fields = task_fields(task, 'entry', 'deliveries', 'record', 'status', 'rev', 'cancel', 'start', 'counted',
        'cqueue', 'capped')
      if fields[1] ~= entry then
        reason = 'no queued task has this entry'
      end
    end
    if reason then
      if dead_letters_kept == nil then
        local kind = redis.call('TYPE', KEYS[3]).ok
        dead_letters_kept = kind == 'list' or kind == 'none'
      end
      if dead_letters_kept then
        redis.call('LPUSH', KEYS[3], cjson.encode({ entry = entry, reason = reason, at = now }))
        redis.call('LTRIM', KEYS[3], 0, 999)
      else
        reason = reason .. '; not kept, since the dead letters key holds no list'
      end
      add('invalid', entry, reason, '', '', '', '', '', '', '')
    else
      local token = ARGV[first_token] .. string.format('%08x', tokens)
      tokens = tokens + 1
      local deliveries = number(fields[2]) + 1
      local limit = limits[lane.name]
      local counted = limit_field(lane.name, lane.lkey)
      local queue = is_default_queue(lane.queue) and 'default' or lane.queue
      -- a count noted from an earlier claim is stale (a script of an older release ended that
      -- claim without counting it off): it is counted off first
      if fields[8] then
        running_add(prefix, fields[8], fields[9], -1)
      end
      running_add(prefix, counted, queue, 1)
      local writes = { 'claim', token, 'deliveries', deliveries, 'counted', counted, 'cqueue', queue }
      if limit and limit.cap > 0 then
        writes[#writes + 1] = 'capped'
        writes[#writes + 1] = '1'
      elseif fields[10] then
        redis.call('HDEL', task, 'capped')
      end
      later_list(later.zadd, KEYS[2], now + tonumber(ARGV[3]), uuid)
      started(lane, token)
      local record, status, rev, start, recorded = nil, nil, nil, nil, ''
      if ARGV[6] == '1' and fields[3] then
        record, status, start = fields[3], fields[4], fields[7]
        rev = number(fields[5]) + 1
        for _, value in ipairs({ 'holder', token, 'rev', rev }) do
          writes[#writes + 1] = value
        end
        if start_node ~= '' and not start and (status == 'new' or status == 'retry' or status == 'process') then
          start = now .. ' ' .. deliveries .. ' ' .. start_node
          writes[#writes + 1] = 'start'
          writes[#writes + 1] = start
          status_changed(prefix .. 'counts', status, 'process', writes)
          recorded = '1'
        end
      end
      redis.call('HSET', task, unpack(writes))
      add('task', uuid, token, tostring(deliveries), record or '', status or '', rev and tostring(rev) or '',
        (record and fields[6]) or '', start or '', recorded)
    end
  end
end
remove_taken()
if taken == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  if tonumber(ARGV[5]) > 0 then
    redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), ARGV[4])
  end
else
  redis.call('ZREM', KEYS[4], ARGV[4])
end
local next_due = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
local until_due = (#next_due > 0) and math.max(0, tonumber(next_due[2]) - now) or -1
if next_free >= 0 and (until_due < 0 or next_free < until_due) then
  until_due = next_free
end
local reply = { tostring(until_due) }
for _, value in ipairs(claimed) do
  reply[#reply + 1] = value
end
return reply
