-- Reads one page of records, newest first.
-- KEYS: 1 index
-- ARGV: 1 key prefix, 2 first rank, 3 last rank
-- Returns uuid, record, status triples; record and status are empty for a record that is gone.
local uuids = redis.call('ZREVRANGE', KEYS[1], ARGV[2], ARGV[3])
local page = {}
for _, uuid in ipairs(uuids) do
  local fields = task_fields(ARGV[1] .. 'task:' .. uuid, 'record', 'status')
  page[#page + 1] = uuid
  page[#page + 1] = fields[1] or ''
  page[#page + 1] = fields[2] or ''
end
return page
