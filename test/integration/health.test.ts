import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { http } from "../http";
import { scrape } from "../metrics";
import { startAppServer, type AppServer } from "../setup/appServer";
import { serverTestEnv, TEST_DATABASE_URL } from "../setup/testEnv";

// Probes for the load balancer. Readiness is tested against a server of its own, pointed at a
// scratch database this file can make unreachable (ALLOW_CONNECTIONS false) and restore.
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
    server = await startAppServer({
      env: {
        ...serverTestEnv,
        DATABASE_URL: url.toString(),
        READINESS_TIMEOUT_MS: "1500",
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
    const down = await http("GET", "/readyz", { baseUrl });
    expect(down.status).toBe(503);
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
    const back = await http("GET", "/readyz", { baseUrl });
    expect(back.status).toBe(200);
    expect(await server.waitForOutput("readiness check postgres failed")).toBe(true);
  });
});
