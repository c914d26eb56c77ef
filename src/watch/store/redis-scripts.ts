/**
 * The Redis store's Lua scripts. Each runs atomically in Redis (no other command runs between its
 * steps), which is what makes the lease check and the writes one step, and a claim one step.
 * ioredis sends them with EVALSHA and falls back to EVAL once when Redis has not seen the script.
 */
import type { Redis } from 'ioredis';

/**
 * Takes a free lease: the token is the source's next fencing number (INCR) and a random part,
 * so it is unique even if the counter was lost. KEYS: lease, fence. ARGV: random part, ttl ms.
 * Answers the token, or nil when the lease is held.
 */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = string.format('%d', redis.call('INCR', KEYS[2])) .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token`;

/** Compare-and-PEXPIRE. KEYS: lease. ARGV: token, ttl ms. Answers 1, or 0 when not held. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Compare-and-DEL. KEYS: lease. ARGV: token. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The commit: the fencing check (when ARGV[1] is a token), then the mark, the events and the
 * jobs. KEYS: lease, mark, events stream, jobs hash, due zset. ARGV: token or '', mark JSON,
 * stream MAXLEN, event count n, n event JSONs, then (job id, job JSON, due ms) per job.
 * Answers nil when the lease is not held (nothing written), else the new entry ids. Redis does
 * not undo a script's writes when a later command in it fails, so every key's type is checked
 * before the first write: a key of another type (made by someone else) fails the whole commit.
 */
const COMMIT = `
if ARGV[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local expected = {[3] = 'stream', [4] = 'hash', [5] = 'zset'}
for index, kind in pairs(expected) do
  local found = redis.call('TYPE', KEYS[index])['ok']
  if found ~= 'none' and found ~= kind then
    return redis.error_reply('WRONGTYPE ' .. KEYS[index] .. ' is a ' .. found .. ', not a ' .. kind)
  end
end
redis.call('SET', KEYS[2], ARGV[2])
local count = tonumber(ARGV[4])
local ids = {}
for i = 1, count do
  ids[i] = redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], '*', 'event', ARGV[4 + i])
end
for i = 5 + count, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[4], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[5], ARGV[i + 2], ARGV[i])
  end
end
return ids`;

/**
 * The outbox after a position, with what decides whether that position expired, read together
 * so that no trim falls between them. KEYS: events stream. ARGV: position or '', count.
 * Answers { last-generated-id, first entry id or '', entries }.
 */
const READ_AFTER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {'0-0', '', {}} end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local last, first = '0-0', ''
for i = 1, #info, 2 do
  if info[i] == 'last-generated-id' then last = info[i + 1]
  elseif info[i] == 'first-entry' and type(info[i + 1]) == 'table' then first = info[i + 1][1]
  end
end
local from = '-'
if ARGV[1] ~= '' then from = '(' .. ARGV[1] end
local entries = {}
if tonumber(ARGV[2]) > 0 then
  entries = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', ARGV[2])
end
return {last, first, entries}`;

/**
 * Claims due jobs: up to ARGV[2] ids with a due time <= ARGV[1] get due time ARGV[3] (now +
 * visibility), so that a claim neither completed nor rescheduled comes back. KEYS: due zset,
 * jobs hash. Answers the jobs' JSON. An id without a job (its hash field deleted by hand) is
 * dropped.
 */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local jobs = {}
for _, id in ipairs(ids) do
  local job = redis.call('HGET', KEYS[2], id)
  if job then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    jobs[#jobs + 1] = job
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return jobs`;

/** Removes a job. KEYS: jobs hash, due zset. ARGV: job id. */
const COMPLETE = `
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1`;

/**
 * Writes a job back with its new due time, only if it is still pending (one completed meanwhile
 * is not brought back). KEYS: jobs hash, due zset. ARGV: job id, job JSON, due ms.
 */
const RESCHEDULE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1`;

type Script = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/** The scripts as functions of (keys..., args...), each answering Redis's raw reply. */
export interface WatchScripts {
  readonly acquire: Script;
  readonly renew: Script;
  readonly release: Script;
  readonly commit: Script;
  readonly readAfter: Script;
  readonly claim: Script;
  readonly complete: Script;
  readonly reschedule: Script;
}

const DEFINITIONS: Readonly<Record<keyof WatchScripts, { lua: string; numberOfKeys: number }>> = {
  acquire: { lua: ACQUIRE, numberOfKeys: 2 },
  renew: { lua: RENEW, numberOfKeys: 1 },
  release: { lua: RELEASE, numberOfKeys: 1 },
  commit: { lua: COMMIT, numberOfKeys: 5 },
  readAfter: { lua: READ_AFTER, numberOfKeys: 1 },
  claim: { lua: CLAIM, numberOfKeys: 2 },
  complete: { lua: COMPLETE, numberOfKeys: 2 },
  reschedule: { lua: RESCHEDULE, numberOfKeys: 2 },
};

/**
 * Defines the scripts on `client` (ioredis `defineCommand`, as `joblogWatch<Name>`; defining
 * them again, for a second store on the same client, is harmless) and answers them.
 */
export function defineWatchScripts(client: Redis): WatchScripts {
  // defineCommand adds methods that ioredis's types know only through module augmentation,
  // which would change the Redis type for the whole project: read them back by name instead.
  const methods = client as unknown as Readonly<Record<string, Script | undefined>>;
  const script = (name: keyof WatchScripts): Script => {
    const command = `joblogWatch${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    client.defineCommand(command, DEFINITIONS[name]);
    const method = methods[command];
    if (method === undefined) throw new Error(`ioredis did not define ${command}`);
    return (...keysAndArgs) => method.apply(client, keysAndArgs);
  };
  return {
    acquire: script('acquire'),
    renew: script('renew'),
    release: script('release'),
    commit: script('commit'),
    readAfter: script('readAfter'),
    claim: script('claim'),
    complete: script('complete'),
    reschedule: script('reschedule'),
  };
}
