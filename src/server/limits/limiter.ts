import type { NextFunction, Request, Response } from "express";
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type Options,
  type Store,
} from "express-rate-limit";
import { redis, redisPrefix } from "../../cache/redis";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { AppError } from "../../shared/errors";
import { sendApiError } from "../apiError";
import { LeasedRedisStore } from "./leasedRedisStore";

// Rate limits shared by all instances through Redis. When Redis is unavailable every limiter
// falls back to counting in this process: limits stay on (per instance instead of cluster-wide)
// and no request fails because of the limiter. Auth routes never go unlimited that way.
// The limiters themselves: the API's in src/api/v1/rateLimit.ts (both REST doors count against
// it), the sign-in budgets every door shares in signIn.ts, the web door's wiring in
// src/app/webRateLimits.ts.

class RedisWithMemoryFallback implements Store {
  private readonly memory = new MemoryStore();
  private readonly shared: LeasedRedisStore | null;

  constructor(
    readonly prefix: string,
    limitOf: (key: string) => number,
  ) {
    const client = redis();
    this.shared = client
      ? new LeasedRedisStore(client, `${redisPrefix()}rl:${prefix}`, limitOf)
      : null;
  }

  init(options: Options) {
    this.memory.init(options);
    this.shared?.init(options);
  }

  private fellBack = false;

  async increment(key: string) {
    if (!this.shared) return this.memory.increment(key);
    try {
      const counted = await this.shared.increment(key);
      if (this.fellBack) {
        this.fellBack = false;
        logger.info({ limiter: this.prefix }, "rate limits are shared through Redis again");
      }
      return counted;
    } catch (error) {
      metrics.redisError("rate_limit");
      // Once per fall-back, not per request: the operator needs to know limits are per instance.
      if (!this.fellBack) {
        this.fellBack = true;
        logger.warn(
          { limiter: this.prefix, err: error },
          "rate limits fall back to this instance's own counts: Redis failed",
        );
      }
      return this.memory.increment(key);
    }
  }

  /** A hit from a lease already held (see LeasedRedisStore.takeHeld), or null. */
  takeHeld(key: string) {
    return this.fellBack ? null : (this.shared?.takeHeld(key) ?? null);
  }

  async decrement(key: string) {
    await this.memory.decrement(key);
    await this.shared?.decrement(key).catch(() => {});
  }

  async resetKey(key: string) {
    await this.memory.resetKey(key);
    await this.shared?.resetKey(key).catch(() => {});
  }
}

/** Counts the refusal and sets `Retry-After`; the seconds until the window resets. */
export function refuse(req: Request, res: Response, options: Options): number {
  metrics.rateLimited(options.identifier as string);
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000));
  res.setHeader("Retry-After", String(seconds));
  return seconds;
}

export function tooMany(req: Request, res: Response, _next: NextFunction, options: Options) {
  const seconds = refuse(req, res, options);
  sendApiError(req, res, new AppError("RATE_LIMITED", `Too many requests. Retry in ${seconds} s.`));
}

/**
 * A limiter whose counts are shared through Redis. The store must know each key's limit (its
 * leases never reserve past it): a fixed `limit` is used as it is; a limit that depends on the
 * request needs `limitOf`, the same rule stated for the key.
 */
export function limiter(
  name: string,
  options: Partial<Options>,
  limitOf: (key: string) => number = () => options.limit as number,
) {
  const store = new RedisWithMemoryFallback(`${name}:`, limitOf);
  const config: Partial<Options> = {
    standardHeaders: "draft-6", // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset
    legacyHeaders: false,
    store,
    identifier: name,
    handler: tooMany,
    ...options,
  };
  const counted = rateLimit(config);
  const { keyGenerator, limit, windowMs = 60_000 } = config;
  const plain =
    keyGenerator &&
    !config.skip &&
    !config.skipFailedRequests &&
    !config.skipSuccessfulRequests &&
    config.standardHeaders === "draft-6" &&
    !config.legacyHeaders;
  if (!plain) return counted;
  const windowSeconds = Math.ceil(windowMs / 1000);
  // A busy client's hits come from the lease its instance holds: counted here, in the same
  // tick, with the headers and `req.rateLimit` express-rate-limit would set. Everything else
  // (a lease to take or renew, a refusal, Redis failing) goes through express-rate-limit,
  // whose chain of awaits costs a sizeable share of a cached read.
  return (req: Request, res: Response, next: NextFunction) => {
    const key = keyGenerator(req, res);
    const max = typeof limit === "function" ? limit(req, res) : limit;
    const held = typeof key === "string" && typeof max === "number" ? store.takeHeld(key) : null;
    if (!held) return counted(req, res, next);
    const info = new HeldInfo(max as number, held.totalHits, held.resetTime!, key as string);
    (req as Request & { rateLimit?: HeldInfo }).rateLimit = info;
    const resetSeconds = Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000));
    const fixed = headersOf(info.limit, windowSeconds);
    res.setHeader("RateLimit-Policy", fixed.policy);
    res.setHeader("RateLimit-Limit", fixed.limit);
    res.setHeader("RateLimit-Remaining", String(info.remaining));
    res.setHeader("RateLimit-Reset", String(resetSeconds));
    next();
  };
}

/** `req.rateLimit` as express-rate-limit sets it (`current`, its old name for `used`, hidden). */
class HeldInfo {
  readonly remaining: number;
  constructor(
    readonly limit: number,
    readonly used: number,
    readonly resetTime: Date,
    readonly key: string,
  ) {
    this.remaining = Math.max(limit - used, 0);
  }
  get current() {
    return this.used;
  }
}

// The two headers that depend only on the limit, made once per limit.
const fixedHeaders = new Map<string, { policy: string; limit: string }>();
function headersOf(limit: number, windowSeconds: number) {
  const key = `${limit};w=${windowSeconds}`;
  let headers = fixedHeaders.get(key);
  if (!headers) fixedHeaders.set(key, (headers = { policy: key, limit: String(limit) }));
  return headers;
}

// IPv6 clients are grouped by /56 (one subscriber may hold many addresses); IPv4 addresses,
// including IPv4-mapped ones, are used as they are, without parsing them on every request.
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;
export function clientIp(req: Request) {
  const ip = req.ip ?? "unknown";
  if (!ip.includes(":")) return ip;
  return IPV4_MAPPED.exec(ip)?.[1] ?? ipKeyGenerator(ip);
}
