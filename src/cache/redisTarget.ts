import type { RedisOptions } from "ioredis";
import * as z from "zod";

// Where the app's Redis connections go: one server (REDIS_URL), or whichever server the Redis
// Sentinels name as the master of REDIS_SENTINEL_NAME (REDIS_SENTINELS), so a failover needs
// no restart and no DNS change. Every connection the app opens (the cache, the rate-limit
// store, the feed's invalidation writer and subscriber) is made from these options, so they
// all follow the same master. Kept free of the app's env import: src/shared/env.ts validates
// with the schema below, and tests build connections from the same function.

/** "host:port,host:port" → [{ host, port }], or the first entry that does not parse. */
export function parseSentinels(value: string) {
  const sentinels: { host: string; port: number }[] = [];
  for (const entry of value.split(",").map((part) => part.trim())) {
    // The host may be a name, an IPv4 address or a bracketed IPv6 one: the port is what follows
    // the last colon.
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) return { error: entry || "(an empty entry)" };
    sentinels.push({ host: match[1]!.replace(/^\[|\]$/g, ""), port });
  }
  return { sentinels };
}

export const redisSentinelFields = {
  REDIS_SENTINELS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      // Empty is unset: Docker Compose passes `${REDIS_SENTINELS:-}` through as "".
      const parsed = value ? parseSentinels(value) : null;
      if (parsed?.error) {
        ctx.addIssue({
          code: "custom",
          message: `REDIS_SENTINELS: "${parsed.error}" is not host:port (expected e.g. sentinel-1:26379,sentinel-2:26379)`,
        });
      }
    }),
  REDIS_SENTINEL_NAME: z.string().optional(),
};

/** The checks that span both variables (run on the whole env object). */
export function checkSentinelPair(
  env: { REDIS_SENTINELS?: string | undefined; REDIS_SENTINEL_NAME?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_SENTINEL_NAME"],
      message:
        "REDIS_SENTINEL_NAME is required with REDIS_SENTINELS: the master name the sentinels monitor (`sentinel monitor <name> …`)",
    });
  }
  if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
    ctx.addIssue({
      code: "custom",
      path: ["REDIS_SENTINELS"],
      message: "REDIS_SENTINELS is required with REDIS_SENTINEL_NAME: comma-separated host:port",
    });
  }
}

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
