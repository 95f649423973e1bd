import { memoryFeedCache, noFeedCache, redisFeedCache, type FeedCache } from "./feedCache";
import { metrics } from "../observability/metrics";
import { duplicateRedis, redis, redisPrefix } from "./redis";
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

export function feedCache(): FeedCache {
  if (cache) return cache;
  if (process.env.FEED_CACHE === "off") return (cache = noFeedCache());
  const client = redis();
  if (!client) return (cache = memoryFeedCache(events));
  const watch = watchVersions(client, duplicateRedis(subscriberOptions), `${redisPrefix()}feed:`, {
    // An instance that is hung or cut off from Redis: each write then waits out the lease.
    onUnacknowledged: () => metrics.invalidationUnacknowledged(),
  });
  cache = redisFeedCache(client, redisPrefix(), events, watch);
  return cache;
}
