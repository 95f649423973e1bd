import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics, scraped from GET /metrics (see metricsEndpoint.ts for its token). Label values
// are always from small fixed sets (route templates, never raw paths) so series stay bounded.
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const httpDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration by method, route template and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
  new Counter<L>({ name, help, labelNames, registers: [registry] });

const cacheOps = counter("cache_operations_total", "Cache lookups by cache and result", [
  "cache",
  "result",
]);
const rateLimited = counter("rate_limited_requests_total", "Requests refused by a rate limiter", [
  "limiter",
]);
const authFailures = counter("auth_failures_total", "Failed authentications", [
  "transport",
  "reason",
]);
const dbErrors = counter("db_errors_total", "Database errors by kind", ["kind"]);
const redisErrors = counter("redis_errors_total", "Redis errors by operation", ["operation"]);
const unacknowledged = counter(
  "feed_invalidations_unacknowledged_total",
  "Feed invalidations that waited out the lease because an instance did not acknowledge",
  [],
);
const signups = counter("signups_total", "New accounts by sign-up door", ["via"]);
const postsCreated = counter("posts_created_total", "Posts published", []);
const auditEvents = counter("audit_events_total", "Audit log rows written by action", ["action"]);

export type Transport = "api" | "web";

/** The app's instruments. Callers never touch prom-client directly. */
export const metrics = {
  httpRequest(method: string, route: string, status: number, seconds: number) {
    httpDuration.observe({ method, route, status: String(status) }, seconds);
  },
  cache: {
    hit: (cache: string) => cacheOps.inc({ cache, result: "hit" }),
    miss: (cache: string) => cacheOps.inc({ cache, result: "miss" }),
    error: (cache: string) => cacheOps.inc({ cache, result: "error" }),
  },
  rateLimited: (limiter: string) => rateLimited.inc({ limiter }),
  authFailure: (transport: Transport, reason: string) => authFailures.inc({ transport, reason }),
  dbError: (kind: string) => dbErrors.inc({ kind }),
  redisError: (operation: string) => redisErrors.inc({ operation }),
  invalidationUnacknowledged: () => unacknowledged.inc(),
  signup: (via: Transport) => signups.inc({ via }),
  postCreated: () => postsCreated.inc(),
  auditEvent: (action: string) => auditEvents.inc({ action }),
};

/** True for errors raised by Prisma or the pg driver (as opposed to bugs in our code). */
export function isDatabaseError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  const code = (error as { code?: unknown } | null)?.code;
  return (
    name.startsWith("PrismaClient") ||
    name === "DriverAdapterError" ||
    // Prisma's P1xxx/P2xxx codes and PostgreSQL SQLSTATEs (e.g. 42P01, 57P01, 08006).
    (typeof code === "string" && /^(P\d{4}|(\d\d|HV|P0|XX|F0)[0-9A-Z]{3})$/.test(code))
  );
}

// Connection-level failures (the database is down, restarting or unreachable), as opposed to a
// bad query: the request may succeed if retried, so they are answered 503, not 500.
const UNAVAILABLE = new RegExp(
  [
    "ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|DatabaseNotReachable",
    "Can't reach database|server closed the connection|terminating connection",
    "not currently accepting connections|the database system is (starting up|shutting down)",
    "too many clients|57P0[1-3]|0800[0-6]|53300|P1001|P1002|P1017",
  ].join("|"),
  "i",
);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!isDatabaseError(error) && !(error instanceof Error)) return false;
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { name, message, code, cause } = e as {
      name?: string;
      message?: string;
      code?: unknown;
      cause?: unknown;
    };
    parts.push(String(name ?? ""), String(message ?? ""), String(code ?? ""));
    e = cause;
  }
  return UNAVAILABLE.test(parts.join(" "));
}
