import type { Redis } from "ioredis";

// The Lua scripts the app runs in Redis, defined on a connection before anything is sent on it.
// ioredis copies a connection's scripts into each pipeline when it creates the pipeline, and
// auto-pipelining creates one per tick: a script defined while such a pipeline is pending is
// missing from it, the call fails inside ioredis and leaves a callback without a reply, which
// crashes the process ("results[i] is not iterable"). A freshly started instance hit that when
// concurrent first requests built the feed cache (which defined its script lazily) while a
// rate-limit lease was queued. So the shared connection defines every script at creation
// (redis.ts); callers with connections of their own (tests) get them defined on first use.

// The feed version never goes backwards, not even when Redis loses its data (a restart without
// persistence, a failover to an empty replica): a missing version starts from Redis's clock in
// microseconds, above any count the previous data could have reached, so a page an instance
// still holds from before can never match a version of the new data.
//
// Nor is a version ever reused for different data after a failover. Replication is
// asynchronous: a replica promoted by Sentinel may have missed the master's last INCRs, so its
// count can be behind versions the old master already handed out (and pages cached under them,
// in Redis and in instances' memory). Counting on from there would (1) serve the page the
// replica holds under its old count, which predates writes acknowledged on the old master, and
// (2) hand out again counts the old master used, whose pages instances still keep. So a version
// is "<history>:<count>", where the history is the serving master's replication ID (INFO
// replication, master_replid): Redis gives a server a new one whenever it is promoted, and on a
// restart that lost writes, so a count is only ever compared within the history that issued it.
// It is read inside each script, atomically with the count: no connection-level cache of it can
// be out of date. A server that is not a master refuses (READONLY, which also makes ioredis ask
// the sentinels again): a replica's count lags its master's, and pages under it would too.
// (INFO replication costs ~3 µs per call on this machine's redis-server 7.0.)
const SEED_VERSION = `
local info = redis.call('INFO', 'replication')
if not string.find(info, 'role:master', 1, true) then
  return redis.error_reply('READONLY the feed version is kept on the master only')
end
local history = string.sub(string.match(info, 'master_replid:(%x+)'), 1, 16)
local function version(key)
  local v = redis.call('GET', key)
  if v then return v end
  local t = redis.call('TIME')
  redis.call('SET', key, t[1] .. string.format('%06d', t[2]), 'NX')
  return redis.call('GET', key)
end`;

export const REDIS_SCRIPTS = {
  /** The feed version ("<history>:<count>") and the page stored under it, in one round trip. */
  inkwellFeedRead: {
    numberOfKeys: 1,
    lua: `${SEED_VERSION}
local v = history .. ':' .. version(KEYS[1])
return {v, redis.call('GET', ARGV[1] .. v .. ':' .. ARGV[2])}`,
  },
  /** The next feed version, "<history>:<count>" (feedCache.ts). */
  inkwellFeedBump: {
    numberOfKeys: 1,
    lua: `${SEED_VERSION}
version(KEYS[1])
redis.call('INCR', KEYS[1])
-- GET, not INCR's reply: Lua would print a number this large as 1.79e+15.
return history .. ':' .. redis.call('GET', KEYS[1])`,
  },
  /**
   * Keeps the larger of the stored and the given WAL position (fixed-width hex, so string order
   * is position order) and renews its expiry: a user's read-your-writes floor
   * (src/server/replicas/writePositions.ts). Two concurrent writes may finish in either order.
   */
  inkwellMaxPosition: {
    numberOfKeys: 1,
    lua: `
local current = redis.call('GET', KEYS[1])
if (not current) or ARGV[1] > current then current = ARGV[1] end
redis.call('SET', KEYS[1], current, 'PX', ARGV[2])
return current`,
  },
  /** Reserves `size` hits of a rate-limit window, starting it on the first (leasedRedisStore.ts). */
  inkwellRateLease: {
    numberOfKeys: 1,
    lua: `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}`,
  },
} as const;

export type ScriptName = keyof typeof REDIS_SCRIPTS;

/** Defines `names` (default: all) on `client` unless it has them already. */
export function defineScripts(client: Redis, names = Object.keys(REDIS_SCRIPTS) as ScriptName[]) {
  for (const name of names) {
    if (typeof (client as unknown as Record<string, unknown>)[name] !== "function") {
      client.defineCommand(name, REDIS_SCRIPTS[name]);
    }
  }
}
