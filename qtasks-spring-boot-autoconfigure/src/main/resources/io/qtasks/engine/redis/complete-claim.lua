-- Stores the final records of claimed tasks and ends their claims, each as complete.lua does,
-- then claims due tasks for the slots they freed, as claim.lua does (claim_tasks is claim.lua,
-- put in front of this script as a function): a worker whose tasks ended takes the next ones in
-- the same round trip. The claim runs whether or not the writes were fenced.
-- KEYS: 1 counts, then the keys of claim.lua (names, inflight, dead letters, idle receivers,
--       waiting, seq)
-- ARGV: 1 how many completions follow, 2 finished channel, then six values for each (uuid, record
--       JSON, status, token, revision read at the claim, finished TTL ms), then the arguments of
--       claim.lua (the key prefix first; the receiver does not wait).
-- Returns the number of completions, the write result of each (1 written, 0 fenced), then the
-- reply of claim.lua.
local n = tonumber(ARGV[1])
local first_claim_arg = 3 + 6 * n
local claim_args = {}
for i = first_claim_arg, #ARGV do
  claim_args[#claim_args + 1] = ARGV[i]
end
local prefix = claim_args[1]
local reply = { n }
for c = 0, n - 1 do
  local at = 3 + 6 * c
  local uuid = ARGV[at]
  local task = prefix .. 'task:' .. uuid
  local written = store_write(prefix, task, KEYS[1], uuid, ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4],
    '0', ARGV[at + 5], ARGV[2], KEYS[3])
  reply[#reply + 1] = written[1]
end
local claimed = claim_tasks({ KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7] }, claim_args)
for _, value in ipairs(claimed) do
  reply[#reply + 1] = value
end
return reply
