import { defineEnvValidationSchema } from "wasp/env";
import * as z from "zod";
import { checkSentinelPair, redisSentinelFields } from "./redisSentinelEnv";

// The app's own server settings, validated by Wasp at start next to its built-in ones.
// API_JWT_SECRET signs REST access tokens; it is kept apart from Wasp's own JWT_SECRET (email
// and password-reset links) so either can be rotated alone. Production refuses to start
// without a strong one; development gets a fixed one so a fresh checkout works and two local
// instances agree.
const DEV_API_JWT_SECRET = "inkwell-development-only-jwt-secret-not-for-production";
const production = process.env.NODE_ENV === "production";

const jwtSecret = production
  ? z
      .string({ error: "API_JWT_SECRET is required in production (at least 32 random characters)" })
      .min(32, "API_JWT_SECRET must be at least 32 characters in production")
      .refine((secret) => secret !== DEV_API_JWT_SECRET && !/change.?me/i.test(secret), {
        message: "API_JWT_SECRET is a placeholder: generate one, e.g. `openssl rand -base64 48`",
      })
  : z.string().min(1).default(DEV_API_JWT_SECRET);

// Wasp honours SKIP_EMAIL_VERIFICATION_IN_DEV whatever NODE_ENV says (sign-ups are then marked
// verified); production refuses to start with it, so no deployment skips verification by a stray
// variable. Parsed to the same boolean Wasp's own schema makes, so the two schemas agree.
const skipEmailVerification = z
  .enum(["true", "false"])
  .default("false")
  .transform((value) => value === "true")
  .refine((skip) => !(production && skip), {
    message: "SKIP_EMAIL_VERIFICATION_IN_DEV=true is for development only: unset it in production",
  });

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An origin as browsers send it in `Origin`: http(s), a host, maybe a port, nothing after. */
const isOrigin = (entry: string) => {
  try {
    const url = new URL(entry);
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username;
    return (url.protocol === "http:" || url.protocol === "https:") && bare;
  } catch {
    return false;
  }
};
// The RealWorld door's browser clients live on other origins. No cookie crosses it (tokens
// travel in a header), so `*` is safe too.
const corsOrigins = z
  .string()
  .default("")
  .refine(
    (value) => {
      const entries = value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean);
      return entries.every((entry) => (entry === "*" ? entries.length === 1 : isOrigin(entry)));
    },
    {
      message:
        "CORS_ORIGINS: comma-separated origins such as https://app.example.com " +
        "(scheme, host, optional port; no path), or * alone",
    },
  );
const millis = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

// Read replicas (src/server/replicas/): optional PostgreSQL standbys for reads that need no
// freshness guarantee. Each entry must be a postgres URL, so a typo (a stray space, a missing
// scheme) fails the start instead of silently sending every read to the primary.
const isPostgresUrl = (entry: string) => {
  try {
    const url = new URL(entry);
    return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
  } catch {
    return false;
  }
};
const replicaUrls = z
  .string()
  .default("")
  .refine(
    (value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
        .every(isPostgresUrl),
    {
      message:
        "DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs such as " +
        "postgresql://user:password@replica1:5432/inkwell (leave it unset for no replicas)",
    },
  );

export const serverEnvSchema = defineEnvValidationSchema(
  z
    .object({
      API_JWT_SECRET: jwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: seconds(15 * 60),
      REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 60 * 60),
      // The RealWorld door (/api): its clients keep one token and have no refresh call, so it
      // lives longer (its refresh family expires with it); revocation still ends it at once.
      REALWORLD_TOKEN_TTL_SECONDS: seconds(30 * 24 * 60 * 60),
      CORS_ORIGINS: corsOrigins,
      API_BODY_LIMIT: z.string().default("100kb"),
      REDIS_URL: z.string().optional(),
      // Redis behind Sentinel (src/cache/redisTarget.ts): both or neither.
      ...redisSentinelFields,
      REDIS_PREFIX: z.string().default("inkwell:"),
      REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(150),
      FEED_CACHE: z.enum(["on", "off"]).default("on"),
      FEED_CACHE_TTL_MS: z.coerce.number().int().positive().default(30_000),
      // How long a write waits for its feed invalidation to reach Redis before it answers anyway
      // (src/cache/index.ts; docs/architecture.md 2.2).
      FEED_INVALIDATION_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
      DATABASE_REPLICA_URLS: replicaUrls,
      // A replica further behind the primary than this leaves rotation until it catches up.
      REPLICA_MAX_LAG_MS: z.coerce
        .number({ error: "REPLICA_MAX_LAG_MS must be a number of milliseconds" })
        .int()
        .positive("REPLICA_MAX_LAG_MS must be above 0")
        .default(1000),
      // How often each replica's replay position (and the primary's WAL position) is read.
      REPLICA_POLL_MS: z.coerce.number().int().min(10).max(5000).default(75),
      RATE_LIMIT_ANON_PER_MIN: z.coerce.number().int().positive().default(300),
      RATE_LIMIT_USER_PER_MIN: z.coerce.number().int().positive().default(600),
      RATE_LIMIT_AUTH_IP_PER_MIN: z.coerce.number().int().positive().default(20),
      RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: z.coerce.number().int().positive().default(10),
      RATE_LIMIT_WEB_PER_MIN: z.coerce.number().int().positive().default(600),
      TRUST_PROXY: z.string().default("loopback"),
      SKIP_EMAIL_VERIFICATION_IN_DEV: skipEmailVerification,
      // required: an account acts only once its email is verified, through every door.
      // optional: unverified accounts may act (clients that expect a usable token at sign-up),
      // but the address counts as unconfirmed (no ADMIN_EMAILS promotion until it is verified).
      EMAIL_VERIFICATION: z.enum(["required", "optional"]).default("required"),
      // Comma-separated emails that become admins once their address is verified.
      ADMIN_EMAILS: z.string().default(""),
      // Observability (README, "Operations"). The logger reads LOG_LEVEL and LOG_FORMAT itself at
      // import time; they are listed here so a typo fails the start instead of being ignored.
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
      LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
      // Bearer token for GET /metrics. Unset: open in development, disabled (404) in production.
      METRICS_TOKEN: z
        .string()
        .min(production ? 16 : 1)
        .optional(),
      READINESS_TIMEOUT_MS: millis(1000),
      SHUTDOWN_TIMEOUT_MS: millis(10_000),
      // How long /readyz fails before the listener closes, so the load balancer stops routing first.
      SHUTDOWN_DRAIN_MS: millis(0),
      // Mounts /__test/* routes for the test suite; ignored in production.
      INKWELL_TEST_ROUTES: z.enum(["0", "1"]).optional(),
    })
    .superRefine(checkSentinelPair),
);
