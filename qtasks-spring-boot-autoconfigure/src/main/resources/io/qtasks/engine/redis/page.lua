-- Reads a slice of the index, newest first, and returns the records that pass the filters,
-- judged on the hash's own status and name fields (no record is decoded here).
-- KEYS: 1 index
-- ARGV: 1 key prefix, 2 first rank, 3 how many ranks to look at, 4 status ('' for any),
--       5 task name ('' for any), 6 the most records to return
-- Returns the rank to go on from (-1: the end of the index was reached), then uuid, record,
-- status, start (see claim.lua) quadruples.
local first = tonumber(ARGV[2])
local uuids = redis.call('ZREVRANGE', KEYS[1], first, first + tonumber(ARGV[3]) - 1)
local limit = tonumber(ARGV[6])
local page = { '-1' }
local found = 0
for i, uuid in ipairs(uuids) do
  if found == limit then
    page[1] = tostring(first + i - 1)
    return page
  end
  local fields = task_fields(ARGV[1] .. 'task:' .. uuid, 'record', 'status', 'name', 'start')
  if fields[1] and (ARGV[4] == '' or fields[2] == ARGV[4]) and (ARGV[5] == '' or fields[3] == ARGV[5]) then
    page[#page + 1] = uuid
    page[#page + 1] = fields[1]
    page[#page + 1] = fields[2] or ''
    page[#page + 1] = fields[4] or ''
    found = found + 1
  end
end
if #uuids == tonumber(ARGV[3]) then
  page[1] = tostring(first + #uuids)
end
return page
