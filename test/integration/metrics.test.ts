import { describe, expect, test } from "vitest";
import { apiUser, PASSWORD, signedUpUser, uniqueEmail } from "../factories";
import { http, operation } from "../http";
import { scrape } from "../metrics";
import { startApp } from "../../scripts/lib/app-process.mjs";
import { serverTestEnv } from "../setup/testEnv";

// Prometheus metrics of the real server, read before and after the event that should move them.
// Other test files share the server, so counters are compared with "at least".
describe("GET /metrics", () => {
  test("When /metrics is asked without the token or with a wrong one, then 401 and no metrics", async () => {
    const anonymous = await http("GET", "/metrics");
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain("http_request_duration_seconds");
    const wrong = await http("GET", "/metrics", { token: "not-the-metrics-token" });
    expect(wrong.status).toBe(401);
  });

  test("When the scraper sends the token, then default process metrics are there", async () => {
    const { text } = await scrape();
    expect(text).toContain("process_cpu_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
  });

  test("When a REST route with an id is called, then the histogram counts it under its template, never the raw path", async () => {
    const user = await apiUser("histo");
    const labels = { method: "GET", route: "/api/v1/users/:id", status: "200" };
    const before = await scrape();
    expect((await http("GET", `/api/v1/users/${user.id}`)).status).toBe(200);
    const after = await scrape();
    const count = "http_request_duration_seconds_count";
    expect(after.value(count, labels)).toBeGreaterThanOrEqual(before.value(count, labels) + 1);
    expect(after.text).not.toContain(`route="/api/v1/users/${user.id}"`);
  });

  // After its first request a series is counted in place (src/observability/metrics.ts): every
  // later one must still move its count, its sum and exactly one bucket, as observe() would.
  test("When one route is called many times, then its count, +Inf bucket and sum all grow by each", async () => {
    const user = await apiUser("histo-many");
    const labels = { method: "GET", route: "/api/v1/users/:id", status: "200" };
    await http("GET", `/api/v1/users/${user.id}`);
    const before = await scrape();
    for (let i = 0; i < 5; i++)
      expect((await http("GET", `/api/v1/users/${user.id}`)).status).toBe(200);
    const after = await scrape();
    const name = "http_request_duration_seconds";
    const grew = (metric: string, extra = {}) =>
      after.value(metric, { ...labels, ...extra }) - before.value(metric, { ...labels, ...extra });
    expect(grew(`${name}_count`)).toBeGreaterThanOrEqual(5);
    expect(grew(`${name}_bucket`, { le: "+Inf" })).toBe(grew(`${name}_count`));
    expect(grew(`${name}_bucket`, { le: "10" })).toBe(grew(`${name}_count`));
    expect(grew(`${name}_sum`)).toBeGreaterThan(0);
  });

  test("When paths match no route, then they are all counted as one 'unmatched' series", async () => {
    const labels = { method: "GET", route: "unmatched", status: "404" };
    const before = await scrape();
    await http("GET", "/no/such/page/unrouted-path-marker");
    await http("GET", "/api/v1/no-such-route/678");
    const after = await scrape();
    const count = "http_request_duration_seconds_count";
    expect(after.value(count, labels)).toBeGreaterThanOrEqual(before.value(count, labels) + 2);
    // A word no metric value can contain (a number could appear in a measured value).
    expect(after.text).not.toContain("unrouted-path-marker");
    expect(after.text).not.toContain("no-such-route");
  });

  test("When a Wasp operation is called, then it is timed under /operations/<name>", async () => {
    const labels = { method: "POST", route: "/operations/get-feed", status: "200" };
    const before = await scrape();
    await operation("get-feed", {});
    const after = await scrape();
    const count = "http_request_duration_seconds_count";
    expect(after.value(count, labels)).toBeGreaterThanOrEqual(before.value(count, labels) + 1);
  });

  test("When a REST login fails, then auth_failures_total{transport=api,reason=invalid_credentials} goes up", async () => {
    const user = await apiUser("failer");
    const labels = { transport: "api", reason: "invalid_credentials" };
    const before = await scrape();
    const login = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: "wrong password 1" },
    });
    expect(login.status).toBe(401);
    const after = await scrape();
    expect(after.value("auth_failures_total", labels)).toBeGreaterThanOrEqual(
      before.value("auth_failures_total", labels) + 1,
    );
  });

  test("When a bearer token is invalid, then auth_failures_total{transport=api,reason=invalid_token} goes up", async () => {
    const labels = { transport: "api", reason: "invalid_token" };
    const before = await scrape();
    const response = await http("GET", "/api/v1/posts", { token: "not.a.jwt" });
    expect(response.status).toBe(401);
    const after = await scrape();
    expect(after.value("auth_failures_total", labels)).toBeGreaterThanOrEqual(
      before.value("auth_failures_total", labels) + 1,
    );
  });

  test("When a browser login has a wrong password, then auth_failures_total{transport=web} goes up", async () => {
    const user = await signedUpUser("webfail");
    const labels = { transport: "web", reason: "invalid_credentials" };
    const before = await scrape();
    const login = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: "wrong password 1" },
    });
    expect(login.status).toBe(401);
    const after = await scrape();
    expect(after.value("auth_failures_total", labels)).toBeGreaterThanOrEqual(
      before.value("auth_failures_total", labels) + 1,
    );
  });

  test("When people sign up through the API and the web, then signups_total counts each door", async () => {
    const before = await scrape();
    await apiUser("signup-api");
    const web = await http("POST", "/auth/email/signup", {
      body: { email: uniqueEmail("signup-web"), password: PASSWORD, name: "Web" },
    });
    expect(web.status).toBe(200);
    const after = await scrape();
    for (const via of ["api", "web"]) {
      expect(after.value("signups_total", { via })).toBeGreaterThanOrEqual(
        before.value("signups_total", { via }) + 1,
      );
    }
  });

  test("When a post is published (REST or browser), then posts_created_total goes up by each", async () => {
    const writer = await apiUser("writer");
    const browser = await signedUpUser("browser-writer");
    const before = await scrape();
    const rest = await http("POST", "/api/v1/posts", {
      token: writer.accessToken,
      body: { title: "Counted", content: "x" },
    });
    expect(rest.status).toBe(201);
    const op = await operation(
      "create-post",
      { title: "Counted", content: "y" },
      browser.sessionId,
    );
    expect(op.status).toBe(200);
    const after = await scrape();
    expect(after.value("posts_created_total")).toBeGreaterThanOrEqual(
      before.value("posts_created_total") + 2,
    );
  });

  test("When an audited action happens, then audit_events_total counts it by action", async () => {
    const before = await scrape();
    await apiUser("audited");
    const after = await scrape();
    expect(after.value("audit_events_total", { action: "auth.register" })).toBeGreaterThanOrEqual(
      before.value("audit_events_total", { action: "auth.register" }) + 1,
    );
  });
});

describe("GET /metrics in production without METRICS_TOKEN", () => {
  test("When production runs without METRICS_TOKEN, then /metrics is off (404) and startup says so", async () => {
    const server = await startApp({
      env: {
        ...serverTestEnv,
        METRICS_TOKEN: undefined,
        INKWELL_TEST_ROUTES: undefined,
        SKIP_EMAIL_VERIFICATION_IN_DEV: undefined,
        NODE_ENV: "production",
        JWT_SECRET: "test-only-wasp-jwt-secret-0123456789abcdef",
        API_JWT_SECRET: "test-only-api-jwt-secret-0123456789abcdef",
      },
    });
    try {
      const response = await http("GET", "/metrics", { baseUrl: server.url });
      expect(response.status).toBe(404);
      const unlocked = await http("GET", "/metrics", {
        baseUrl: server.url,
        token: "test-metrics-token",
      });
      expect(unlocked.status).toBe(404);
      expect(server.output()).toContain("METRICS_TOKEN is not set: GET /metrics is disabled");
    } finally {
      await server.stop();
    }
  });
});

// The cache, limiter and Redis counters, moved by what moves them in production.
describe("metrics of the cache, the limits and Redis", () => {
  test("When the feed is read twice, a client exceeds its limit and Redis is unreachable, then the counters say so", async () => {
    const limited = await startApp({
      env: { ...serverTestEnv, RATE_LIMIT_ANON_PER_MIN: "2", REDIS_URL: undefined },
    });
    const unreachable = await startApp({
      env: { ...serverTestEnv, REDIS_URL: "redis://127.0.0.1:1", REDIS_COMMAND_TIMEOUT_MS: "50" },
    });
    try {
      const author = await apiUser("counted", { baseUrl: limited.url });
      const feed = (baseUrl: string) =>
        http("GET", `/api/v1/posts?authorId=${author.id}`, {
          baseUrl,
          headers: { "x-forwarded-for": "203.0.113.77" },
        });
      for (let i = 0; i < 3; i++) await feed(limited.url);
      const counts = await scrape(limited.url);
      expect(counts.value("cache_operations_total", { cache: "feed", result: "miss" })).toBe(1);
      expect(counts.value("cache_operations_total", { cache: "feed", result: "hit" })).toBe(1);
      expect(counts.value("rate_limited_requests_total", { limiter: "api" })).toBe(1);

      expect((await feed(unreachable.url)).status).toBe(200);
      const down = await scrape(unreachable.url);
      expect(down.value("redis_errors_total", { operation: "feed_cache" })).toBeGreaterThan(0);
      expect(down.value("cache_operations_total", { cache: "feed", result: "error" })).toBe(1);
    } finally {
      await Promise.all([limited.stop(), unreachable.stop()]);
    }
  });
});
