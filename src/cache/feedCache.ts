import { hash } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "wasp/server";
import { defineScripts } from "./scripts";
import type { VersionWatch } from "./versionWatch";

// Feed pages cached as ready-to-send JSON with their ETag. Correctness comes from versioned
// keys: every entry's key embeds the feed version read *before* the database was queried, and
// every write bumps the version. A reader that raced a write stores its page under the old
// version, which nobody reads again, so no read after an acknowledged write sees stale data.
// Bodies are kept as bytes: a hit goes from Redis to the socket without a UTF-8 round trip.
export type CachedPage = { body: Buffer; etag: string };

export type CacheEvents = {
  hit?: () => void;
  miss?: () => void;
  error?: (error: unknown) => void;
};

/**
 * Loads a page for the cache. With read replicas, `floor` is the WAL position the data must have
 * reached (at or past every write whose invalidation made the current version): a replica whose
 * replay has not passed it must not answer, or an old page would be stored under the new
 * version and served by every instance until the next write. Undefined: any source will do.
 */
export type PageLoader = (floor?: bigint) => Promise<string>;

/** The primary's current WAL position, when reads may go to replicas (src/server/replicas/). */
export type WritePosition = () => Promise<bigint>;

// Above every real position: the page must come from the primary.
const PRIMARY_ONLY = 2n ** 64n - 1n;

export interface FeedCache {
  /** The cached page for `key`, else `load()`s it once (per key, across concurrent callers). */
  page(key: string, load: PageLoader): Promise<CachedPage>;
  /** Makes every cached feed page unreadable. Called after each write that a feed shows. */
  invalidate(): Promise<void>;
}

// crypto.hash: the one-shot form, without createHash's Hash object per body (the same digest).
export const etagOf = (body: string | Buffer) => `"${hash("sha1", body, "base64url")}"`;

export const entryOf = (json: string): CachedPage => {
  const body = Buffer.from(json);
  return { body, etag: etagOf(body) };
};

// Stored as "<etag>\n<json>", so a hit is sent without hashing or re-serializing.
const pack = (page: CachedPage) => Buffer.concat([Buffer.from(`${page.etag}\n`), page.body]);
const unpack = (stored: Buffer): CachedPage => {
  const newline = stored.indexOf(10); // "\n"
  return { etag: stored.subarray(0, newline).toString(), body: stored.subarray(newline + 1) };
};
const TTL_MS = env.FEED_CACHE_TTL_MS;
const FLOOR_TTL_MS = Math.max(10 * 60_000, 2 * TTL_MS);

/** Concurrent misses for one key in this process share one database query. */
function singleFlight() {
  const inFlight = new Map<string, Promise<CachedPage>>();
  return (key: string, work: () => Promise<CachedPage>) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = work().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}

/**
 * Like singleFlight, but a caller only ever shares a query that started after it arrived: while
 * one runs, newcomers wait for it to end and then share the next one. For reads without a
 * version to go by (Redis unavailable): a query that began before another instance's write
 * committed must not answer a read that began after that write was acknowledged.
 */
function freshFlight<T = CachedPage>() {
  const running = new Map<string, Promise<T>>();
  const next = new Map<string, Promise<T>>();
  const start = (key: string, work: () => Promise<T>) => {
    const started = work().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
  return (key: string, work: () => Promise<T>) => {
    const queued = next.get(key);
    if (queued) return queued;
    const current = running.get(key);
    if (!current) return start(key, work);
    const after = current
      .catch(() => {})
      .then(() => {
        next.delete(key);
        return start(key, work);
      });
    next.set(key, after);
    return after;
  };
}

/** Caching switched off (FEED_CACHE=off): every read goes to the database. */
export function noFeedCache(): FeedCache {
  return { page: async (_key, load) => entryOf(await load()), invalidate: async () => {} };
}

/** For a single instance without Redis. */
export function memoryFeedCache(events: CacheEvents = {}, position?: WritePosition): FeedCache {
  let version = 0;
  // The WAL position the current version's pages must reach (see PageLoader).
  let floor = { version, lsn: undefined as bigint | undefined };
  const entries = new Map<string, { page: CachedPage; expires: number }>();
  const once = singleFlight();
  return {
    async page(key, load) {
      const id = `${version}:${key}`;
      const found = entries.get(id);
      if (found && found.expires > Date.now()) {
        events.hit?.();
        return found.page;
      }
      events.miss?.();
      const needed = !position ? undefined : floor.version === version ? floor.lsn : PRIMARY_ONLY;
      return once(id, async () => {
        const page = entryOf(await load(needed));
        if (entries.size > 1000) entries.clear(); // bounded: old versions are garbage anyway
        entries.set(id, { page, expires: Date.now() + TTL_MS });
        return page;
      });
    },
    async invalidate() {
      const bumped = ++version;
      entries.clear();
      // Read after the bump, so at or past every write this version covers. Until it is known,
      // fills of this version come from the primary.
      const lsn = await position?.().catch(() => PRIMARY_ONLY);
      if (version === bumped) floor = { version: bumped, lsn };
    },
  };
}

// One round trip: read the version and the entry stored under it.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const NEAR_MAX_ENTRIES = 500;

/**
 * Shared by all instances. When Redis fails, reads fall through to the database and a failed
 * invalidation is retried as soon as Redis is back, before this instance reads from it again.
 * With a `watch`, pages read from Redis are also kept in this process and served from memory
 * while the watch vouches that their version is still the newest (see versionWatch.ts).
 */
export function redisFeedCache(
  client: Redis,
  prefix: string,
  events: CacheEvents = {},
  watch?: VersionWatch,
  /** The connection writes bump the version on (a longer command timeout: see index.ts). */
  writer: Redis = client,
  /** With read replicas: each version is stored with the WAL position its fills must reach. */
  position?: WritePosition,
): FeedCache {
  const versionKey = `${prefix}feed:version`;
  // Kept well past the pages' TTL: a version without its floor is filled from the primary.
  const floorKey = (version: string | number) => `${prefix}feed:floor:${version}`;
  const entryPrefix = `${prefix}feed:page:`;
  const once = singleFlight();
  const fresh = freshFlight();
  // Concurrent writes share one bump and one announcement, as long as it starts after each of
  // them committed (they called invalidate): it makes all of them visible, at one round of
  // Redis commands and acknowledgements instead of one per write on every instance.
  const sharedBump = freshFlight<void>();
  let invalidationPending = false;
  // Versions are "<history>:<count>" strings (scripts.ts): only equal strings are the same data.
  const near = new Map<string, { version: string; page: CachedPage; expires: number }>();

  const fromNear = (key: string) => {
    // This instance's own write has not reached Redis yet: its memory may predate that write.
    if (invalidationPending) return null;
    const version = watch?.current();
    if (version === null || version === undefined) return null;
    const entry = near.get(key);
    return entry && entry.version === version && entry.expires > Date.now() ? entry.page : null;
  };
  const remember = (key: string, version: string, page: CachedPage, epoch: number) => {
    if (!watch) return;
    watch.observe(version, epoch);
    if (epoch !== watch.epoch()) return;
    if (near.size >= NEAR_MAX_ENTRIES) near.clear(); // bounded; old versions are garbage anyway
    near.set(key, { version, page, expires: Date.now() + TTL_MS });
  };
  // EVALSHA under the hood: the script is sent once, not with every read.
  defineScripts(client, ["inkwellFeedRead"]);
  defineScripts(writer, ["inkwellFeedBump"]);
  const bump = async () => {
    const version = await (writer as unknown as Record<string, (key: string) => Promise<string>>)
      .inkwellFeedBump!(versionKey);
    // The position is read after the INCR: every write whose bump Redis ran before it (every
    // write this version covers) had committed by then. Readers of `version` that find no floor
    // yet (or a failed SET) fill from the primary.
    if (position) {
      const lsn = await position().catch(() => PRIMARY_ONLY);
      const stored = lsn.toString(16).padStart(16, "0");
      await writer.set(floorKey(version), stored, "PX", FLOOR_TTL_MS).catch(() => {});
    }
    await watch?.announce(version);
  };
  const read = (key: string) =>
    (client as unknown as Record<string, (...args: string[]) => Promise<[Buffer, Buffer | null]>>)
      .inkwellFeedReadBuffer!(versionKey, entryPrefix, key);

  const retryInvalidation = async () => {
    if (!invalidationPending) return;
    await bump();
    invalidationPending = false;
  };
  writer.on("ready", () => void retryInvalidation().catch(() => {}));
  // Also retried in the background: while Redis answers other instances (a failure on this
  // connection only), their memory must learn about the write soon, not at this one's next read.
  let retryTimer: NodeJS.Timeout | undefined;
  const retrySoon = () => {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retryInvalidation().catch(retrySoon);
    }, 200);
    retryTimer.unref();
  };

  const floorOf = async (version: string) => {
    if (!position) return undefined;
    const stored = await client.get(floorKey(version)).catch(() => null);
    return stored ? BigInt(`0x${stored}`) : PRIMARY_ONLY;
  };

  async function fill(version: string, key: string, load: PageLoader) {
    const id = `${entryPrefix}${version}:${key}`;
    const lock = `${id}:lock`;
    // Across instances: one filler per key; the others wait for its result while it holds the
    // lock (bounded), and load themselves only if it gave up or Redis failed.
    const leader = await client.set(lock, "1", "PX", 3000, "NX").catch(() => "OK");
    if (leader !== "OK") {
      for (let i = 0; i < 100; i++) {
        await sleep(20);
        const [stored, locked] = await Promise.all([
          client.getBuffer(id),
          client.exists(lock),
        ]).catch(() => [null, 0] as const);
        if (stored) return unpack(stored);
        if (!locked) break;
      }
    }
    const page = entryOf(await load(await floorOf(version)));
    await client
      .multi()
      .set(id, pack(page), "PX", TTL_MS)
      .del(lock)
      .exec()
      .catch((error) => events.error?.(error));
    return page;
  }

  return {
    async page(key, load) {
      const kept = fromNear(key);
      if (kept) {
        events.hit?.();
        return kept;
      }
      const epoch = watch?.epoch() ?? 0;
      // This instance's own write has not reached Redis yet: what Redis holds may predate it.
      if (invalidationPending) return fresh(key, async () => entryOf(await load(PRIMARY_ONLY)));
      let version: string;
      try {
        const [v, stored] = await read(key);
        version = v.toString();
        if (stored) {
          events.hit?.();
          const page = unpack(stored);
          remember(key, version, page, epoch);
          return page;
        }
      } catch (error) {
        // Redis is down or slow: serve from the database, cache nothing.
        events.error?.(error);
        // Without the version there is no floor: the primary answers (with replicas).
        return fresh(key, async () => entryOf(await load(PRIMARY_ONLY)));
      }
      events.miss?.();
      const page = await once(`${version}:${key}`, () => fill(version, key, load));
      remember(key, version, page, epoch);
      return page;
    },
    async invalidate() {
      try {
        await sharedBump("bump", bump);
      } catch (error) {
        // No answer within the writer's bound (Redis down, or stalled longer than that). The
        // write stands; the bump is retried in the background, and this instance serves from
        // the database meanwhile. The answer waits until every lease that could predate the
        // write has lapsed: renewals travel the path the announcement could not take.
        invalidationPending = true;
        events.error?.(error);
        retrySoon();
        await watch?.outlastLeases();
      }
    },
  };
}
