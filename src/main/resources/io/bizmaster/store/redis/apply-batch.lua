-- BizMaster: one batch of record changes and the store's checkpoint, atomically (a script runs alone), fenced by
-- the checkpoint the batch started from. Checks everything first and writes only if all of it can be written, since
-- Redis does not undo the writes of a script that fails half-way.
-- ARGV: prefix, from, to, n, then per change:
--         kind, entity, key, nSet, (field, value)..., nDel, field..., nAdds, (float, field, amount, check)...
--       float: 'f' for HINCRBYFLOAT, 'i' for HINCRBY; check: '1' when the store's value of the field must be a number
--       (the caller has checked the values the batch itself sets: only the store knows the rest).
--       Then nParked, per parked command: seq, key, json; then nSettled, per command parked earlier: seq, json (empty:
--       applied, it leaves the list); then nKeys, per key they hold: key, '1' still parked or '0'.
-- Values are read in place from ARGV (unpack of a slice): no table per change or per field, which is what a script
-- spends most of its time on at hundreds of changes per call.
local prefix, from, to = ARGV[1], ARGV[2], ARGV[3]
local checkpointKey = prefix .. ':checkpoint'
local current = redis.call('GET', checkpointKey) or '0'
if current ~= from then
  return {'fenced', current}
end
local n = tonumber(ARGV[4])
-- What HINCRBY and HINCRBYFLOAT accept as the field's current value (anything else would fail the script half-way):
-- a 64-bit integer written plainly, or a finite decimal number. RedisTarget.addable is the same rule.
local function addable(float, v)
  if float == 'f' then
    local x = tonumber(v)
    return x ~= nil and x == x and x ~= math.huge and x ~= -math.huge
        and string.match(v, '^[%+%-]?[%d%.]+[eE]?[%+%-]?%d*$') ~= nil
  end
  if v == '0' then
    return true
  end
  local digits = string.match(v, '^%-?([1-9]%d*)$')
  if digits == nil or #digits > 19 then
    return false
  end
  return #digits < 19 or digits <= (string.sub(v, 1, 1) == '-' and '9223372036854775808' or '9223372036854775807')
end
-- Pass 1: what could fail: a key of another type, or a field to increment that is not a number. Whether each record
-- exists is kept from here on, so pass 2 asks Redis no more than it writes.
local records, exists = {}, {}
local i = 5
for c = 1, n do
  local record = prefix .. ':' .. ARGV[i + 1] .. ':' .. ARGV[i + 2]
  records[c] = record
  i = i + 3
  i = i + 1 + 2 * tonumber(ARGV[i])
  i = i + 1 + tonumber(ARGV[i])
  local nAdds = tonumber(ARGV[i]); i = i + 1
  local was = exists[record]
  if was == nil then
    local t = redis.call('TYPE', record)['ok']
    if t ~= 'hash' and t ~= 'none' then
      return {'rejected', tostring(c - 1), record .. ' is a ' .. t .. ', not a hash'}
    end
    was = (t == 'hash')
    exists[record] = was
  end
  for a = 1, nAdds do
    if was and ARGV[i + 3] == '1' then
      local v = redis.call('HGET', record, ARGV[i + 1])
      if v and not addable(ARGV[i], v) then
        return {'rejected', tostring(c - 1), 'field ' .. ARGV[i + 1] .. ' of ' .. record .. ' is "' .. v .. '", not a number'}
      end
    end
    i = i + 4
  end
end
-- Pass 2: the writes.
local missed = 0
i = 5
for c = 1, n do
  local kind, entity, key, record = ARGV[i], ARGV[i + 1], ARGV[i + 2], records[c]
  i = i + 3
  local nSet = tonumber(ARGV[i]); local setAt = i + 1; i = setAt + 2 * nSet
  local nDel = tonumber(ARGV[i]); local delAt = i + 1; i = delAt + nDel
  local nAdds = tonumber(ARGV[i]); local addAt = i + 1; i = addAt + 4 * nAdds
  local was = exists[record]
  local now = was
  local write = false
  if kind == 'upsert' or (kind == 'insert' and not was) then
    write = true
  elseif kind == 'update' then
    if was then write = true else missed = missed + 1 end
  elseif kind == 'increment' then
    if was then
      for a = addAt, i - 1, 4 do
        if ARGV[a] == 'f' then
          redis.call('HINCRBYFLOAT', record, ARGV[a + 1], ARGV[a + 2])
        else
          redis.call('HINCRBY', record, ARGV[a + 1], ARGV[a + 2])
        end
      end
      write = true
    else
      missed = missed + 1
    end
  elseif kind == 'delete' then
    if redis.call('DEL', record) == 0 then missed = missed + 1 end
    now = false
  end
  if write then
    if nDel > 0 then
      redis.call('HDEL', record, unpack(ARGV, delAt, delAt + nDel - 1))
    end
    if nSet > 0 then
      redis.call('HSET', record, unpack(ARGV, setAt, setAt + 2 * nSet - 1))
      now = true
    elseif nDel > 0 then
      now = redis.call('EXISTS', record) == 1
    end
  end
  -- The key index changes only when a record comes or goes.
  if now ~= was then
    local index = prefix .. ':' .. entity .. ':index'
    if now then
      redis.call('ZADD', index, 0, key)
    else
      redis.call('ZREM', index, key)
    end
    exists[record] = now
  end
end
local nParked = tonumber(ARGV[i]); i = i + 1
for p = 1, nParked do
  redis.call('HSET', prefix .. ':parked', ARGV[i], ARGV[i + 2])
  redis.call('SADD', prefix .. ':parked-keys', ARGV[i + 1])
  i = i + 3
end
local nSettled = tonumber(ARGV[i]); i = i + 1
for s = 1, nSettled do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', prefix .. ':parked', ARGV[i])
  else
    redis.call('HSET', prefix .. ':parked', ARGV[i], ARGV[i + 1])
  end
  i = i + 2
end
local nKeys = tonumber(ARGV[i]); i = i + 1
for k = 1, nKeys do
  if ARGV[i + 1] == '1' then
    redis.call('SADD', prefix .. ':parked-keys', ARGV[i])
  else
    redis.call('SREM', prefix .. ':parked-keys', ARGV[i])
  end
  i = i + 2
end
redis.call('SET', checkpointKey, to)
return {'ok', tostring(missed)}
