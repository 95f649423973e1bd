import { memoryFeedCache, noFeedCache, redisFeedCache, type FeedCache } from "./feedCache";
import { redis, redisPrefix } from "./redis";

// The process's feed cache: shared through Redis when REDIS_URL is set, else in memory.
let cache: FeedCache | undefined;

export function feedCache(): FeedCache {
  if (cache) return cache;
  if (process.env.FEED_CACHE === "off") return (cache = noFeedCache());
  const client = redis();
  cache = client ? redisFeedCache(client, redisPrefix()) : memoryFeedCache();
  return cache;
}
