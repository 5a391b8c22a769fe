-- BizMaster: records of one entity and the store's checkpoint in one atomic step (a script runs alone), so a
-- verification reads each page as of exactly one seq while the store goes on applying.
-- ARGV: prefix, entity, 'page', hasAfter ('1' or '0'), afterKey, limit
--    or prefix, entity, 'keys', key...
-- Returns {checkpoint, key, {field, value, ...}, key, {...}, ...}; a key without a record is left out.
local prefix, entity, mode = ARGV[1], ARGV[2], ARGV[3]
local checkpoint = redis.call('GET', prefix .. ':checkpoint') or '0'
local keys
if mode == 'page' then
  local from = '-'
  if ARGV[4] == '1' then
    from = '(' .. ARGV[5]
  end
  keys = redis.call('ZRANGEBYLEX', prefix .. ':' .. entity .. ':index', from, '+', 'LIMIT', 0, tonumber(ARGV[6]))
else
  keys = {}
  for i = 4, #ARGV do
    keys[#keys + 1] = ARGV[i]
  end
end
local out = {checkpoint}
for _, key in ipairs(keys) do
  local fields = redis.call('HGETALL', prefix .. ':' .. entity .. ':' .. key)
  if #fields > 0 then
    out[#out + 1] = key
    out[#out + 1] = fields
  end
end
return out
