-- Counts the records by status again, in one pass over the index, after a script found a count
-- that another program had overwritten (see count_add). A finished record that Redis has already
-- expired still counts until the housekeeping forgets it, as it does in the counts kept step by
-- step.
-- KEYS: 1 counts, 2 index
-- ARGV: 1 key prefix
-- Returns how many records were counted.
local prefix = ARGV[1]
local counts = {}
local total = 0
for _, uuid in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local status = task_fields(prefix .. 'task:' .. uuid, 'status')[1]
  if not status then
    for _, finished in ipairs({ 'success', 'error', 'cancel' }) do
      if zscore(prefix .. 'expiry:' .. finished, uuid) then
        status = finished
        break
      end
    end
  end
  if status then
    counts[status] = (counts[status] or 0) + 1
    total = total + 1
  end
end
redis.call('DEL', KEYS[1], KEYS[1] .. ':stale')
for status, count in pairs(counts) do
  redis.call('HSET', KEYS[1], status, count)
end
return total
