-- BizMaster: one batch of record changes and the store's checkpoint, atomically (a script runs alone), fenced by
-- the checkpoint the batch started from. Checks everything first and writes only if all of it can be written, since
-- Redis does not undo the writes of a script that fails half-way.
-- ARGV: prefix, from, to, n, then per change: kind, entity, key, nFields, (field, value)..., nAdds, (field, amount)...
--       then nParked, per parked command: seq, key, json; then nSettled, per command parked earlier: seq, json (empty:
--       applied, it leaves the list); then nKeys, per key they hold: key, '1' still parked or '0'.
--       A value of the single byte \0 removes the field.
local prefix, from, to = ARGV[1], ARGV[2], ARGV[3]
local checkpointKey = prefix .. ':checkpoint'
local current = redis.call('GET', checkpointKey) or '0'
if current ~= from then
  return {'fenced', current}
end
local changes = {}
local i = 5
for c = 1, tonumber(ARGV[4]) do
  local change = {kind = ARGV[i], entity = ARGV[i + 1], key = ARGV[i + 2], fields = {}, adds = {}}
  i = i + 3
  local nFields = tonumber(ARGV[i]); i = i + 1
  for f = 1, nFields do
    change.fields[#change.fields + 1] = {ARGV[i], ARGV[i + 1]}; i = i + 2
  end
  local nAdds = tonumber(ARGV[i]); i = i + 1
  for a = 1, nAdds do
    change.adds[#change.adds + 1] = {ARGV[i], ARGV[i + 1]}; i = i + 2
  end
  change.record = prefix .. ':' .. change.entity .. ':' .. change.key
  changes[c] = change
end
-- Pass 1: what could fail. Within one batch a record created by an earlier change is still 'none' here; only a key of
-- another type or a field that is not a number can make a write fail, and neither depends on earlier changes.
-- Whether each record exists is kept from here on, so pass 2 asks Redis no more than it writes.
local exists = {}
local pending = {}
for c, change in ipairs(changes) do
  if exists[change.record] == nil then
    local t = redis.call('TYPE', change.record)['ok']
    if t ~= 'hash' and t ~= 'none' then
      return {'rejected', tostring(c - 1), change.record .. ' is a ' .. t .. ', not a hash'}
    end
    exists[change.record] = (t == 'hash')
  end
  -- An increment adds to what the store holds, or to what an earlier change of this batch set.
  local batchSet = pending[change.record]
  for _, add in ipairs(change.adds) do
    local v = batchSet and batchSet[add[1]]
    if v == nil then
      v = exists[change.record] and redis.call('HGET', change.record, add[1]) or false
    end
    if v and v ~= '\0' and not tonumber(v) then
      return {'rejected', tostring(c - 1), 'field ' .. add[1] .. ' of ' .. change.record .. ' is "' .. v .. '", not a number'}
    end
  end
  if #change.fields > 0 then
    batchSet = batchSet or {}
    for _, f in ipairs(change.fields) do batchSet[f[1]] = f[2] end
    pending[change.record] = batchSet
  end
end
-- Pass 2: the writes.
local missed = 0
-- Returns whether it set a field (the record surely exists) and whether it removed one (it may be gone).
local function setFields(change)
  local values, absent = {}, {}
  for _, f in ipairs(change.fields) do
    if f[2] == '\0' then
      absent[#absent + 1] = f[1]
    else
      values[#values + 1] = f[1]
      values[#values + 1] = f[2]
    end
  end
  if #absent > 0 then
    redis.call('HDEL', change.record, unpack(absent))
  end
  if #values > 0 then
    redis.call('HSET', change.record, unpack(values))
  end
  return #values > 0, #absent > 0
end
for _, change in ipairs(changes) do
  local was = exists[change.record]
  local now = was
  local set, removed = false, false
  if change.kind == 'upsert' or (change.kind == 'insert' and not was) then
    set, removed = setFields(change)
  elseif change.kind == 'update' then
    if was then set, removed = setFields(change) else missed = missed + 1 end
  elseif change.kind == 'increment' then
    if was then
      for _, add in ipairs(change.adds) do
        if string.find(add[2], '[.eE]') then
          redis.call('HINCRBYFLOAT', change.record, add[1], add[2])
        else
          redis.call('HINCRBY', change.record, add[1], add[2])
        end
      end
      set, removed = setFields(change)
    else
      missed = missed + 1
    end
  elseif change.kind == 'delete' then
    if redis.call('DEL', change.record) == 0 then missed = missed + 1 end
    now = false
  end
  if set then
    now = true
  elseif removed then
    now = redis.call('EXISTS', change.record) == 1
  end
  -- The key index changes only when a record comes or goes.
  if now ~= was then
    local index = prefix .. ':' .. change.entity .. ':index'
    if now then
      redis.call('ZADD', index, 0, change.key)
    else
      redis.call('ZREM', index, change.key)
    end
    exists[change.record] = now
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
