-- Looks at a slice of the records, oldest first, for unfinished tasks that are in no queue (not
-- due, not waiting and not claimed), which only a failure outside QTasks leaves behind (keys
-- deleted by hand, a Redis restored from a snapshot taken between two scripts), and puts each
-- back at its old place, or at the back of its priority. A claim that no longer leases the task
-- is over. Safe to run on every node.
-- KEYS: 1 index, 2 names, 3 waiting, 4 seq, 5 inflight, 6 idle receivers
-- ARGV: 1 key prefix, 2 first rank, 3 how many records, 4 wake channel
-- Returns the rank to go on from (-1: the end was reached), then the uuids put back.
local prefix = ARGV[1]
local first = tonumber(ARGV[2])
local uuids = redis.call('ZRANGE', KEYS[1], first, first + tonumber(ARGV[3]) - 1)
local reply = { (#uuids < tonumber(ARGV[3])) and '-1' or tostring(first + #uuids) }
for _, uuid in ipairs(uuids) do
  local task = prefix .. 'task:' .. uuid
  local fields = task_fields(task, 'status', 'entry', 'qname', 'name')
  if fields[1] and not is_finished(fields[1]) and is_uuid(uuid) then
    local queued = queue_is_due(prefix, task) or zscore(KEYS[3], uuid) or zscore(KEYS[5], uuid)
    if not queued then
      if redis.call('HEXISTS', task, 'claim') == 1 then
        redis.call('HDEL', task, 'claim', 'holder')
        bump(task, 'rev')
      end
      claim_uncounted(prefix, task)
      if not fields[3] then
        redis.call('HSET', task, 'qname', fields[4] or '')
      end
      queue_put_back(prefix, task, KEYS[2], KEYS[3], KEYS[4], uuid, 0)
      reply[#reply + 1] = uuid
    end
  end
end
if #reply > 1 then
  wake(KEYS[6], ARGV[4])
end
return reply
