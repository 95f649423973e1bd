import type { RedisOptions } from "ioredis";
import { parseSentinels } from "../shared/redisSentinelEnv";

// Where the app's Redis connections go: one server (REDIS_URL), or whichever server the Redis
// Sentinels name as the master of REDIS_SENTINEL_NAME (REDIS_SENTINELS), so a failover needs
// no restart and no DNS change. Every connection the app opens (the cache, the rate-limit
// store, the feed's invalidation writer and subscriber) is made from these options, so they
// all follow the same master. Kept free of the app's env import: src/shared/env.ts validates
// the variables (src/shared/redisSentinelEnv.ts), and tests build connections from here too.

export type RedisTargetEnv = {
  REDIS_URL?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_SENTINEL_NAME?: string | undefined;
};

/**
 * The connection target (`new Redis(url, options)`, or `new Redis(options)` without a URL), or null when Redis is not configured.
 * With sentinels, REDIS_URL is optional and only contributes what a URL carries besides the
 * address (password, database number): the sentinels supply the master's address.
 */
export type RedisTarget = { url: string | undefined; options: RedisOptions };

export function redisTarget(env: RedisTargetEnv): RedisTarget | null {
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) {
    const { sentinels } = parseSentinels(env.REDIS_SENTINELS);
    const sentinelOptions: RedisOptions = {
      sentinels,
      name: env.REDIS_SENTINEL_NAME,
      // Asked on every reconnect; a sentinel that is down is skipped, so one is enough.
      sentinelRetryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      sentinelCommandTimeout: 1000,
      // Not ioredis' failoverDetector: under load, a +switch-master arriving while a connection
      // was between reconnect attempts left it "connecting" for good (seen in
      // npm run fault:sentinel). Connections to a master that died close at once, and Sentinel
      // kills the clients of a master it demotes, so every connection asks again anyway.
      // A master demoted while alive refuses writes with READONLY: ask the sentinels again.
      reconnectOnError: (error) => error.message.startsWith("READONLY"),
    };
    return { url: env.REDIS_URL, options: sentinelOptions };
  }
  return env.REDIS_URL ? { url: env.REDIS_URL, options: {} } : null;
}
