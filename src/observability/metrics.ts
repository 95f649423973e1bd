import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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

// prom-client's observe() checks the label names, builds the series' key from the labels and
// looks it up, per call: on every request. The series each (method, route, status) lands in is
// found once through observe() itself and then counted in place, the same sum, count and bucket
// it would add. A reset (hashMap replaced) drops what was found.
type Series = { labels: object; sum: number; count: number; bucketValues: Record<string, number> };
const internals = httpDuration as unknown as {
  hashMap: Record<string, Series>;
  upperBounds: number[];
};
// Each bucket by its bound's text: a number key would be converted to it on every request.
const BOUND_KEYS = internals.upperBounds.map(String);
let seriesOf = new Map<string, Series>();
let seriesFor = internals.hashMap;
function observeRequest(method: string, route: string, status: number, seconds: number) {
  if (internals.hashMap !== seriesFor) [seriesOf, seriesFor] = [new Map(), internals.hashMap];
  const key = `${status} ${method} ${route}`;
  const series = seriesOf.get(key);
  if (!series || !Number.isFinite(seconds)) {
    const labels = { method, route, status: String(status) };
    httpDuration.observe(labels, seconds);
    const found = Object.values(internals.hashMap).find(
      (entry) => JSON.stringify(entry.labels) === JSON.stringify(labels),
    );
    if (found) seriesOf.set(key, found);
    return;
  }
  series.sum += seconds;
  series.count += 1;
  const bounds = internals.upperBounds;
  for (let index = 0; index < bounds.length; index++) {
    if (seconds <= bounds[index]!) {
      const bucket = BOUND_KEYS[index]!;
      series.bucketValues[bucket] = (series.bucketValues[bucket] ?? 0) + 1;
      break;
    }
  }
}

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

// Read replicas (src/server/replicas/): labelled "primary" or "replica<n>" (its place in
// DATABASE_REPLICA_URLS), never the URL, which may carry a password.
const dbReads = counter("db_reads_total", "Routed reads by the database that answered", ["target"]);
const replicaLag = new Gauge({
  name: "db_replica_lag_seconds",
  help: "How far each replica's replay is behind the primary (time since the primary was there)",
  labelNames: ["replica"] as const,
  registers: [registry],
});
const replicaInRotation = new Gauge({
  name: "db_replica_in_rotation",
  help: "1 while a replica takes reads, 0 while it is down or lags more than REPLICA_MAX_LAG_MS",
  labelNames: ["replica"] as const,
  registers: [registry],
});

export type Transport = "api" | "web";

/** The app's instruments. Callers never touch prom-client directly. */
export const metrics = {
  httpRequest(method: string, route: string, status: number, seconds: number) {
    observeRequest(method, route, status, seconds);
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
  dbRead: (target: string) => dbReads.inc({ target }),
  replica(replica: string, lagSeconds: number, inRotation: boolean) {
    replicaLag.set({ replica }, lagSeconds);
    replicaInRotation.set({ replica }, inRotation ? 1 : 0);
  },
};
