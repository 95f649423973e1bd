import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { http } from "../http";
import { scrape } from "../metrics";
import { startApp, type AppServer } from "../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_DATABASE_URL } from "../setup/testEnv";

// Probes for the load balancer. Readiness is tested against a server of its own, pointed at a
// scratch database this file can make unreachable (ALLOW_CONNECTIONS false) and restore.
// A finished check run answers probes for a second (READINESS_REUSE_MS), hence the polls.
const REUSE_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// What nginx adds to every request it passes on: the caller is then not on this machine.
const viaProxy = { "x-forwarded-for": "203.0.113.7" };
const metricsToken = { authorization: `Bearer ${serverTestEnv.METRICS_TOKEN}` };
describe("/healthz and /readyz", () => {
  test("When the app is up, then /healthz answers 200 and /readyz reports postgres and redis up", async () => {
    const live = await http("GET", "/healthz");
    expect(live.status).toBe(200);
    expect(live.body.status).toBe("ok");
    const ready = await http("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: "ready",
      checks: { postgres: { status: "up" }, redis: { status: "up" } },
    });
  });
});

describe("readiness when PostgreSQL goes away", () => {
  const scratch = `inkwell_ready_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  let server: AppServer;

  function adminUrl() {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = "/postgres";
    return url.toString();
  }

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${scratch}`;
    server = await startApp({
      env: {
        ...serverTestEnv,
        DATABASE_URL: url.toString(),
        READINESS_TIMEOUT_MS: "1500",
        // Each check run logs a debug line, which the coalescing test counts.
        LOG_LEVEL: "debug",
        // Its own cache key space: the shared server's cached feed would answer for this database.
        REDIS_PREFIX: `${serverTestEnv.REDIS_PREFIX}${scratch}:`,
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await admin.query(`ALTER DATABASE ${scratch} ALLOW_CONNECTIONS true`).catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  });

  test("When a REST handler hits a database error (no tables here), then a 500 problem with the request id, one error line with the stack, and db_errors_total{kind=request} goes up", async () => {
    const baseUrl = server.url;
    const before = await scrape(baseUrl);
    const requestId = `dberr-${randomUUID()}`;
    const response = await http("GET", "/api/v1/posts", {
      baseUrl,
      headers: { "x-request-id": requestId },
    });
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ status: 500, requestId });
    expect(JSON.stringify(response.body)).not.toMatch(/prisma|relation|does not exist/i);
    const after = await scrape(baseUrl);
    expect(after.value("db_errors_total", { kind: "request" })).toBe(
      before.value("db_errors_total", { kind: "request" }) + 1,
    );
    expect(await server.waitForOutput(`"msg":"GET /api/v1/posts 500"`)).toBe(true);
    const errorLines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{") && line.includes(requestId))
      .map((line) => JSON.parse(line) as { level: number; err?: { stack?: string } });
    expect(errorLines.filter((line) => line.level === 50 && line.err?.stack)).toHaveLength(1);
  });

  test("When PostgreSQL refuses connections, then /readyz is 503 (postgres down), /healthz stays 200, and both recover", async () => {
    const baseUrl = server.url;
    expect((await http("GET", "/readyz", { baseUrl })).status).toBe(200);
    const before = await scrape(baseUrl);

    await admin.query(`ALTER DATABASE ${scratch} ALLOW_CONNECTIONS false`);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [scratch],
    );
    await expect.poll(async () => (await http("GET", "/readyz", { baseUrl })).status).toBe(503);
    const down = await http("GET", "/readyz", { baseUrl });
    expect(down.body).toMatchObject({
      status: "not ready",
      checks: { postgres: { status: "down" } },
    });
    expect((await http("GET", "/healthz", { baseUrl })).status).toBe(200);
    // Requests that need the database say "retry shortly" (503), not "bug" (500).
    const refused = await http("GET", "/api/v1/posts/1", { baseUrl });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body.title).toBe("Service unavailable");
    const after = await scrape(baseUrl);
    expect(after.value("db_errors_total", { kind: "readiness" })).toBeGreaterThan(
      before.value("db_errors_total", { kind: "readiness" }),
    );

    await admin.query(`ALTER DATABASE ${scratch} ALLOW_CONNECTIONS true`);
    await expect.poll(async () => (await http("GET", "/readyz", { baseUrl })).status).toBe(200);
    expect(await server.waitForOutput("readiness check postgres failed")).toBe(true);
  });

  test("When PostgreSQL is down, then a caller through a proxy gets only the status, and an internal caller (metrics token or loopback) gets the error text", async () => {
    const baseUrl = server.url;
    await admin.query(`ALTER DATABASE ${scratch} ALLOW_CONNECTIONS false`);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [scratch],
    );
    try {
      await expect
        .poll(async () => (await http("GET", "/readyz", { baseUrl, headers: viaProxy })).status)
        .toBe(503);
      const outside = await http("GET", "/readyz", { baseUrl, headers: viaProxy });
      expect(outside.body).toEqual({ status: "not ready" });
      // A wrong token is no better than none.
      const guessed = await http("GET", "/readyz", {
        baseUrl,
        headers: { ...viaProxy, authorization: "Bearer not-the-metrics-token" },
      });
      expect(guessed.body).toEqual({ status: "not ready" });

      // A flood while the database is down costs one failed check, not one per probe.
      await sleep(REUSE_MS + 100);
      const before = await scrape(baseUrl);
      const flood = await Promise.all(
        Array.from({ length: 50 }, () => http("GET", "/readyz", { baseUrl, headers: viaProxy })),
      );
      expect(flood.every((answer) => answer.status === 503)).toBe(true);
      const after = await scrape(baseUrl);
      const failedChecks =
        after.value("db_errors_total", { kind: "readiness" }) -
        before.value("db_errors_total", { kind: "readiness" });
      expect(failedChecks).toBeGreaterThanOrEqual(1);
      expect(failedChecks).toBeLessThanOrEqual(2);

      for (const headers of [{ ...viaProxy, ...metricsToken }, {}]) {
        const inside = await http("GET", "/readyz", { baseUrl, headers });
        expect(inside.status).toBe(503);
        expect(inside.body.checks.postgres).toMatchObject({ status: "down" });
        expect(inside.body.checks.postgres.error).toEqual(expect.any(String));
        expect(inside.body.checks.postgres.latencyMs).toEqual(expect.any(Number));
      }
    } finally {
      await admin.query(`ALTER DATABASE ${scratch} ALLOW_CONNECTIONS true`);
    }
  });

  test("When 50 probes arrive at once, then the checks run at most twice, and a second later they run afresh", async () => {
    const baseUrl = server.url;
    const runs = () => server.output().split("readiness checks ran").length - 1;
    await sleep(REUSE_MS + 100); // no earlier run is still fresh
    const before = runs();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => http("GET", "/readyz", { baseUrl, headers: viaProxy })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    await expect.poll(() => runs() - before).toBeGreaterThanOrEqual(1);
    await sleep(200); // the log travels on a pipe
    const burst = runs() - before;
    expect(burst).toBeGreaterThanOrEqual(1);
    expect(burst).toBeLessThanOrEqual(2);

    await sleep(REUSE_MS + 100);
    await http("GET", "/readyz", { baseUrl });
    await expect.poll(() => runs() - before).toBe(burst + 1);
  });
});
