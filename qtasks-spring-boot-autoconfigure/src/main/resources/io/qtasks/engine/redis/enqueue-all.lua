-- Stores new tasks and queues them (or waits them until their due time), in order, in one step.
-- KEYS: 1 names, 2 waiting, 3 seq, 4 index, 5 counts, 6 idle receivers
-- ARGV: 1 key prefix, 2 wake channel, then eight values per task: uuid, record JSON, task name,
--       priority, created-at ms, delay ms (0: due now), queue, limit key ('' for none)
local stored = {}
for i = 3, #ARGV, 8 do
  local uuid = ARGV[i]
  local task = ARGV[1] .. 'task:' .. uuid
  if store_insert(task, KEYS[5], KEYS[4], uuid, ARGV[i + 1], ARGV[i + 2], ARGV[i + 4]) then
    queue_add(ARGV[1], task, KEYS[1], KEYS[2], KEYS[3], uuid, ARGV[i + 2], ARGV[i + 3], ARGV[i + 5], ARGV[i + 6],
      ARGV[i + 7])
    stored[#stored + 1] = 1
  else
    stored[#stored + 1] = 0
  end
end
-- Wake-ups only go out while a receiver waits: busy workers claim as they free up.
wake(KEYS[6], ARGV[2])
return stored
