import express, { type NextFunction, type Request, type Response } from "express";
import {
  ipKeyGenerator,
  MemoryStore,
  rateLimit,
  type Options,
  type Store,
} from "express-rate-limit";
import { env } from "wasp/server";
import { redis, redisPrefix } from "../../cache/redis";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { AppError } from "../../shared/errors";
import { isApiRequest } from "../../shared/apiRequest";
import { WEB_AUTH_ROUTES } from "../../auth/authPaths";
import { normalizeEmail } from "../../auth/email";
import { onlyUnder, WASP_MOUNTS } from "../../server/waspMounts";
import { claimsOf } from "./context";
import { LeasedRedisStore } from "./leasedRedisStore";
import { sendProblem } from "./problem";

// Rate limits shared by all instances through Redis. When Redis is unavailable every limiter
// falls back to counting in this process: limits stay on (per instance instead of cluster-wide)
// and no request fails because of the limiter. Auth routes never go unlimited that way.

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
function refuse(req: Request, res: Response, options: Options): number {
  metrics.rateLimited(options.identifier as string);
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000));
  res.setHeader("Retry-After", String(seconds));
  return seconds;
}

function tooMany(req: Request, res: Response, _next: NextFunction, options: Options) {
  const seconds = refuse(req, res, options);
  sendProblem(req, res, new AppError("RATE_LIMITED", `Too many requests. Retry in ${seconds} s.`));
}

/**
 * A limiter whose counts are shared through Redis. The store must know each key's limit (its
 * leases never reserve past it): a fixed `limit` is used as it is; a limit that depends on the
 * request needs `limitOf`, the same rule stated for the key.
 */
function limiter(
  name: string,
  options: Partial<Options>,
  limitOf: (key: string) => number = () => options.limit as number,
) {
  return rateLimit({
    standardHeaders: "draft-6", // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset
    legacyHeaders: false,
    store: new RedisWithMemoryFallback(`${name}:`, limitOf),
    identifier: name,
    handler: tooMany,
    ...options,
  });
}

// IPv6 clients are grouped by /56 (one subscriber may hold many addresses); IPv4 addresses,
// including IPv4-mapped ones, are used as they are, without parsing them on every request.
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;
function clientIp(req: Request) {
  const ip = req.ip ?? "unknown";
  if (!ip.includes(":")) return ip;
  return IPV4_MAPPED.exec(ip)?.[1] ?? ipKeyGenerator(ip);
}

/**
 * Every /api/v1 request, counted before anything else looks at it (body, token lookup): per
 * user when it carries an access token with a valid signature (checked in memory, no query;
 * a revoked one still counts against its user), else per IP.
 */
const apiLimit = (signedIn: boolean) =>
  signedIn ? env.RATE_LIMIT_USER_PER_MIN : env.RATE_LIMIT_ANON_PER_MIN;
export const apiRateLimit = limiter(
  "api",
  {
    windowMs: 60_000,
    limit: (_req, res) => apiLimit(claimsOf(res) !== undefined),
    keyGenerator: (req, res) => {
      const claims = claimsOf(res);
      return claims ? `user:${claims.userId}` : `ip:${clientIp(req)}`;
    },
  },
  (key) => apiLimit(key.startsWith("user:")),
);

// Sign-in budgets, shared by both doors: the REST routes and the web app's Wasp auth routes
// count against the same per-IP and per-account windows (same store keys).
const authIp: Partial<Options> = {
  windowMs: 60_000,
  limit: env.RATE_LIMIT_AUTH_IP_PER_MIN,
  keyGenerator: (req) => clientIp(req),
};
const emailOf = (req: Request) => (req.body as { email?: unknown } | undefined)?.email;
// Keyed on the very account the login will look up (normalizeEmail, as the login schema and the
// web door's body normalisation use), so no spelling of an address gets a budget of its own.
const authAccount: Partial<Options> = {
  windowMs: 15 * 60_000,
  limit: env.RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN,
  keyGenerator: (req) => normalizeEmail(String(emailOf(req))),
  skip: (req) => typeof emailOf(req) !== "string",
};

// The web app reads Wasp's error shape ({ message }), so its refusals use that shape.
function tooManyForWeb(req: Request, res: Response, _next: NextFunction, options: Options) {
  const seconds = refuse(req, res, options);
  const what = options.identifier === "web" ? "requests" : "attempts";
  res.status(429).json({ message: `Too many ${what}. Try again in ${seconds} s.` });
}

// One limiter per sign-in budget, for both doors (one store, so the in-process fallback
// counts both too); each refusal is answered in the shape of the door it came through.
function tooManySignIns(req: Request, res: Response, next: NextFunction, options: Options) {
  const answer = isApiRequest(req) ? tooMany : tooManyForWeb;
  answer(req, res, next, options);
}

/** Login, register and refresh: strict per IP. */
export const authIpRateLimit = limiter("auth-ip", { ...authIp, handler: tooManySignIns });

/** Login and register: strict per account, whichever IPs the attempts come from. */
export const authAccountRateLimit = limiter("auth-account", {
  ...authAccount,
  handler: tooManySignIns,
});

// The web door's sign-in routes, matched by Express Routers: a router decides by the same rules
// as the Wasp routers behind it (any case, an optional trailing slash), so every spelling that
// reaches Wasp's handler is counted exactly like the canonical path.
const WEB_SIGN_IN = Object.values(WEB_AUTH_ROUTES);

// The web app's queries and actions (/operations/*): per IP, in Wasp's error shape. Looser
// than the API's anonymous limit: one page view runs several queries, and the session user is
// not known yet at this point of Wasp's stack.
const webOperations = limiter("web", {
  windowMs: 60_000,
  limit: env.RATE_LIMIT_WEB_PER_MIN,
  keyGenerator: (req) => clientIp(req),
  handler: tooManyForWeb,
});

const signInIp = express.Router().post(WEB_SIGN_IN, authIpRateLimit);
const signInAccount = express.Router().post(WEB_SIGN_IN, authAccountRateLimit);
const authMount = (handler: express.RequestHandler) => onlyUnder(WASP_MOUNTS.auth, handler);
const inAuth = authMount(signInIp);
const inOperations = onlyUnder(WASP_MOUNTS.operations, webOperations);

/** For Wasp's global stack, before the body is read: per-IP sign-in and operations limits. */
export const webIpRateLimits: express.RequestHandler = (req, res, next) =>
  inAuth(req, res, (error?: unknown) => (error ? next(error) : inOperations(req, res, next)));

/** For Wasp's global stack, after the JSON parser: the per-account sign-in limit. */
export const webAccountRateLimit = authMount(signInAccount);
