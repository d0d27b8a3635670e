-- Stores new tasks and queues them (or waits them until their due time), in order, in one step.
-- KEYS: 1 names, 2 waiting, 3 seq, 4 index, 5 counts, 6 idle receivers
-- ARGV: 1 key prefix, 2 wake channel, then eight values per task: uuid, record JSON, task name,
--       priority, created-at ms, delay ms (0: due now), queue, limit key ('' for none)
-- Returns, for each task in order, 1 when stored, 0 when a task with its uuid exists.
--
-- Each task leaves the same keys and fields as enqueue.lua gives it, but the commands are the
-- batch's: per task only HSETNX of its record (which also tells a duplicate uuid) and one HSET
-- of its other fields; the index, each lane's due set and the waiting set get one ZADD for all
-- their tasks, the counts one HINCRBY, the sequence one INCRBY, each lane one listing.
local prefix = ARGV[1]
local first = 3
local count = (#ARGV - 2) / 8

-- Stores the records: a record that exists is not overwritten, and a key of another type at a
-- task's place (written by some other program) counts as existing rather than stopping the
-- script half-way.
local stored = {}
local due = 0
for t = 1, count do
  local i = first + (t - 1) * 8
  local ok = redis.pcall('HSETNX', prefix .. 'task:' .. ARGV[i], 'record', ARGV[i + 1])
  stored[t] = (ok == 1) and 1 or 0
  if ok == 1 and tonumber(ARGV[i + 5]) <= 0 then
    due = due + 1
  end
end

-- Entries of the due tasks take consecutive sequence numbers, in the batch's order.
local seq = 0
if due > 0 then
  seq = redis.call('INCRBY', KEYS[3], due) - due
end
local now = now_ms()
local index = {}
local waiting = {}
local lanes = {}
local lane_order = {}
local new = 0
for t = 1, count do
  if stored[t] == 1 then
    local i = first + (t - 1) * 8
    local uuid, name, priority, queue, lkey = ARGV[i], ARGV[i + 2], ARGV[i + 3], ARGV[i + 6], ARGV[i + 7]
    local delay = tonumber(ARGV[i + 5])
    local fields = new_record_fields(name)
    for _, value in ipairs({ 'queue', queue, 'priority', priority, 'qname', name }) do
      fields[#fields + 1] = value
    end
    if has_key(lkey) then
      fields[#fields + 1] = 'lkey'
      fields[#fields + 1] = lkey
    end
    if delay > 0 then
      waiting[#waiting + 1] = now + delay
      waiting[#waiting + 1] = uuid
    else
      seq = seq + 1
      local entry = entry_for(seq, uuid)
      fields[#fields + 1] = 'entry'
      fields[#fields + 1] = entry
      local key = lane_key(prefix, queue, name, lkey)
      local lane = lanes[key]
      if not lane then
        lane = { queue = queue, name = name, lkey = lkey, members = {} }
        lanes[key] = lane
        lane_order[#lane_order + 1] = key
      end
      lane.members[#lane.members + 1] = score(priority)
      lane.members[#lane.members + 1] = entry
    end
    redis.call('HSET', prefix .. 'task:' .. uuid, unpack(fields))
    index[#index + 1] = ARGV[i + 4]
    index[#index + 1] = uuid
    new = new + 1
  end
end

if new > 0 then
  call_in_slices('ZADD', KEYS[4], index)
  count_add(KEYS[5], 'new', new)
end
call_in_slices('ZADD', KEYS[2], waiting)
for _, key in ipairs(lane_order) do
  local lane = lanes[key]
  call_in_slices('ZADD', key, lane.members)
  lane_listed(prefix, lane.queue, lane.name, lane.lkey)
end
-- Wake-ups only go out while a receiver waits: busy workers claim as they free up.
wake(KEYS[6], ARGV[2])
return stored
