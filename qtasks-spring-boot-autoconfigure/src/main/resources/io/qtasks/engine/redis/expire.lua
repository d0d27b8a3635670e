-- Forgets finished records past their TTL: deletes what Redis has not expired yet, drops them
-- from the index and lowers the counts. Safe to run on every node.
-- KEYS: 1 counts, 2 index
-- ARGV: 1 key prefix, 2 limit per status
local now = now_ms()
local expired = 0
for _, status in ipairs({ 'success', 'error', 'cancel' }) do
  local expiry = ARGV[1] .. 'expiry:' .. status
  local due = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, ARGV[2])
  for _, uuid in ipairs(due) do
    local task = ARGV[1] .. 'task:' .. uuid
    if task_fields(task, 'status')[1] == status then
      redis.call('DEL', task)
    end
    redis.call('ZREM', KEYS[2], uuid)
    redis.call('ZREM', expiry, uuid)
  end
  if #due > 0 then
    count_add(KEYS[1], status, -#due)
  end
  expired = expired + #due
end
return expired
