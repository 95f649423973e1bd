import { env } from "wasp/server";
import {
  memoryFeedCache,
  noFeedCache,
  redisFeedCache,
  type FeedCache,
  type WritePosition,
} from "./feedCache";
import { metrics } from "../observability/metrics";
import { duplicateRedis, redis, redisPrefix } from "./redis";
import { defineScripts } from "./scripts";
import { subscriberOptions, watchVersions } from "./versionWatch";

const events = {
  hit: () => metrics.cache.hit("feed"),
  miss: () => metrics.cache.miss("feed"),
  error: () => {
    metrics.cache.error("feed");
    metrics.redisError("feed_cache");
  },
};

// The process's feed cache: shared through Redis when REDIS_URL is set, else in memory.
let cache: FeedCache | undefined;

/**
 * With read replicas, `position` (the primary's WAL position) is stored with each version, and
 * fills must reach it (feedCache.ts, PageLoader). Read when the cache is first built.
 */
export function feedCache({ position }: { position?: WritePosition } = {}): FeedCache {
  if (cache) return cache;
  if (env.FEED_CACHE === "off") return (cache = noFeedCache());
  const client = redis();
  if (!client) return (cache = memoryFeedCache(events, position));
  // Writes announce on a connection of their own that waits longer for Redis than reads do:
  // a read that gets no answer in REDIS_COMMAND_TIMEOUT_MS serves from PostgreSQL, but a write
  // is acknowledged only once its bump has surely reached Redis (or every lease has lapsed).
  const writer = duplicateRedis({ commandTimeout: env.FEED_INVALIDATION_TIMEOUT_MS });
  defineScripts(writer);
  const watch = watchVersions(writer, duplicateRedis(subscriberOptions), `${redisPrefix()}feed:`, {
    // An instance that is hung or cut off from Redis: each write then waits out the lease.
    onUnacknowledged: () => metrics.invalidationUnacknowledged(),
  });
  cache = redisFeedCache(client, redisPrefix(), events, watch, writer, position);
  return cache;
}
