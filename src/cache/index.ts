import { memoryFeedCache, noFeedCache, redisFeedCache, type FeedCache } from "./feedCache";
import { metrics } from "../observability/metrics";
import { redis, redisPrefix } from "./redis";

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
  cache = client ? redisFeedCache(client, redisPrefix(), events) : memoryFeedCache(events);
  return cache;
}
