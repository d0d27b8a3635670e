-- Claims up to max due tasks of the given names, lowest priority first and first in, first out
-- within a priority (across names): each moves to in-flight with a lease deadline and a fencing
-- token of the caller's (random, never reused).
-- KEYS: 1 names, 2 inflight, 3 dead letters, 4 idle receivers, 5 waiting, 6 seq
-- ARGV: 1 key prefix, 2 max, 3 lease ms, 4 receiver id, 5 how long the receiver waits when it
--       finds nothing, in ms (0: it does not wait), 6 '1' when the records live in the same
--       hashes, 7 how many task names follow (-1: any name), then the names, then one token per
--       task that may be claimed
-- First, waiting tasks that are due go to the back of their priority, earliest due first.
-- A receiver that finds nothing and will wait is listed as idle until its wait runs out, so that
-- queueing a task wakes it; one that found tasks is no longer idle.
-- With the records alongside, a claim marks the record as held by its token (moving its revision
-- on) and returns it, so that the worker needs no second round trip.
-- Returns the ms until the next waiting task is due (-1: none), then octuples: 'task', uuid,
-- token, deliveries, record, status, revision, cancel request ('' where absent) for a claimed
-- task, or 'invalid', entry, reason, '', '', '', '', '' for an entry that names no queued task
-- (moved to the dead letters).
local prefix = ARGV[1]
local now = now_ms()
local dead_letters_type = redis.call('TYPE', KEYS[3]).ok
local dead_letters_kept = dead_letters_type == 'list' or dead_letters_type == 'none'
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
local names
local first_token
if count < 0 then
  names = redis.call('SMEMBERS', KEYS[1])
  first_token = 8
else
  names = {}
  for i = 1, count do
    names[i] = ARGV[7 + i]
  end
  first_token = 8 + count
end
-- the first entry of each name, then repeatedly the best of them
local heads = {}
local function peek(name)
  local key = pending_key(prefix, name)
  if redis.call('TYPE', key).ok ~= 'zset' then
    heads[name] = nil
    return
  end
  local head = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  heads[name] = (#head > 0) and { entry = head[1], score = tonumber(head[2]) } or nil
end
for _, name in ipairs(names) do
  peek(name)
end
local function best()
  local chosen = nil
  for name, head in pairs(heads) do
    local top = chosen and heads[chosen]
    if not top or head.score < top.score or (head.score == top.score and head.entry < top.entry) then
      chosen = name
    end
  end
  return chosen
end

local claimed = {}
local function add(...)
  for _, value in ipairs({ ... }) do
    claimed[#claimed + 1] = value
  end
end
local taken = 0
local tokens = 0
while taken < tonumber(ARGV[2]) do
  local name = best()
  if not name then
    break
  end
  local entry = heads[name].entry
  queue_undue(prefix, KEYS[1], name, entry)
  peek(name)
  taken = taken + 1
  local uuid = string.sub(entry, 17)
  local task = prefix .. 'task:' .. uuid
  local reason = nil
  if #entry ~= 52 or not string.match(string.sub(entry, 1, 16), '^%x+$') or not is_uuid(uuid) then
    reason = 'not a QTasks queue entry (expected 16 hex digits and a uuid)'
  elseif task_fields(task, 'entry')[1] ~= entry then
    reason = 'no queued task has this entry'
  end
  if reason then
    if dead_letters_kept then
      redis.call('LPUSH', KEYS[3], cjson.encode({ entry = entry, reason = reason, at = now }))
      redis.call('LTRIM', KEYS[3], 0, 999)
    else
      reason = reason .. '; not kept, since the dead letters key holds no list'
    end
    add('invalid', entry, reason, '', '', '', '', '')
  else
    local token = ARGV[first_token + tokens]
    tokens = tokens + 1
    redis.call('HSET', task, 'claim', token)
    local deliveries = bump(task, 'deliveries')
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), uuid)
    local fields = {}
    if ARGV[6] == '1' and redis.call('HEXISTS', task, 'record') == 1 then
      redis.call('HSET', task, 'holder', token)
      bump(task, 'rev')
      fields = redis.call('HMGET', task, 'record', 'status', 'rev', 'cancel')
    end
    add('task', uuid, token, tostring(deliveries), fields[1] or '', fields[2] or '', fields[3] or '',
      fields[4] or '')
  end
end
if taken == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  if tonumber(ARGV[5]) > 0 then
    redis.call('ZADD', KEYS[4], now + tonumber(ARGV[5]), ARGV[4])
  end
else
  redis.call('ZREM', KEYS[4], ARGV[4])
end
local next_due = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
local reply = { (#next_due > 0) and tostring(math.max(0, tonumber(next_due[2]) - now)) or '-1' }
for _, value in ipairs(claimed) do
  reply[#reply + 1] = value
end
return reply
