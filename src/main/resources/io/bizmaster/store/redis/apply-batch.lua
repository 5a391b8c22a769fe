-- BizMaster: one batch of record changes and the store's checkpoint, atomically (a script runs alone), fenced by
-- the checkpoint the batch started from. Checks everything first and writes only if all of it can be written, since
-- Redis does not undo the writes of a script that fails half-way.
-- ARGV: prefix, from, to, n, then per change: kind, entity, key, nFields, (field, value)..., nAdds, (field, amount)...
--       then nParked, per parked command: seq, key, json. A value of the single byte \0 removes the field.
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
for c, change in ipairs(changes) do
  local t = redis.call('TYPE', change.record)['ok']
  if t ~= 'hash' and t ~= 'none' then
    return {'rejected', tostring(c - 1), change.record .. ' is a ' .. t .. ', not a hash'}
  end
  for _, add in ipairs(change.adds) do
    local v = redis.call('HGET', change.record, add[1])
    if v and not tonumber(v) then
      return {'rejected', tostring(c - 1), 'field ' .. add[1] .. ' of ' .. change.record .. ' is "' .. v .. '", not a number'}
    end
  end
end
-- Pass 2: the writes.
local missed = 0
local function setFields(change)
  for _, f in ipairs(change.fields) do
    if f[2] == '\0' then
      redis.call('HDEL', change.record, f[1])
    else
      redis.call('HSET', change.record, f[1], f[2])
    end
  end
end
for _, change in ipairs(changes) do
  local exists = redis.call('EXISTS', change.record) == 1
  local index = prefix .. ':' .. change.entity .. ':index'
  if change.kind == 'upsert' or (change.kind == 'insert' and not exists) then
    setFields(change)
  elseif change.kind == 'update' then
    if exists then setFields(change) else missed = missed + 1 end
  elseif change.kind == 'increment' then
    if exists then
      for _, add in ipairs(change.adds) do
        if string.find(add[2], '[.eE]') then
          redis.call('HINCRBYFLOAT', change.record, add[1], add[2])
        else
          redis.call('HINCRBY', change.record, add[1], add[2])
        end
      end
      setFields(change)
    else
      missed = missed + 1
    end
  elseif change.kind == 'delete' then
    if redis.call('DEL', change.record) == 0 then missed = missed + 1 end
  end
  if redis.call('EXISTS', change.record) == 1 then
    redis.call('ZADD', index, 0, change.key)
  else
    redis.call('ZREM', index, change.key)
  end
end
local nParked = tonumber(ARGV[i]); i = i + 1
for p = 1, nParked do
  redis.call('HSET', prefix .. ':parked', ARGV[i], ARGV[i + 2])
  redis.call('SADD', prefix .. ':parked-keys', ARGV[i + 1])
  i = i + 3
end
redis.call('SET', checkpointKey, to)
return {'ok', tostring(missed)}
