import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { http } from "../../http";
import { scrape } from "../../metrics";
import { rw, rwUser } from "../../realworld";
import { redisReady, startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// The RealWorld door runs behind the same protections as /api/v1 (rate limits, sign-in limits,
// request logs, metrics), and its namespace, which Wasp mounts for every path under /api, lets
// /api/v1 requests through untouched: counted once, logged once, answered in their own shape.
// A server of its own with small limits; each test speaks from client IPs of its own (the
// loopback proxy is trusted with X-Forwarded-For).
let server: AppServer;
beforeAll(async () => {
  server = await startApp({
    env: {
      ...serverTestEnv,
      RATE_LIMIT_ANON_PER_MIN: "4",
      RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "3",
      REDIS_PREFIX: `${TEST_REDIS_PREFIX}rw-limits-${randomUUID().slice(0, 6)}:`,
      // Shared counting is what is checked: a busy machine must not make it fall back.
      REDIS_COMMAND_TIMEOUT_MS: "2000",
    },
  });
  await redisReady(server);
});
afterAll(() => server?.stop());

const from = (ip: string) => ({ baseUrl: server.url, headers: { "x-forwarded-for": ip } });

describe("rate limits", () => {
  test("When /api/v1 is called, then each request counts once against its limit and the refusal is still a problem", async () => {
    const remaining = [];
    for (let i = 0; i < 4; i++) {
      const response = await http("GET", "/api/v1/posts", from("198.51.100.60"));
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["3", "2", "1", "0"]);
    const refused = await http("GET", "/api/v1/posts", from("198.51.100.60"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body.title).toBe("Too many requests");
  });

  test("When a client alternates between the doors, then one budget covers both, and this door refuses in its own shape", async () => {
    const client = from("198.51.100.61");
    expect((await http("GET", "/api/v1/posts", client)).status).toBe(200);
    expect((await rw("GET", "/tags", client)).status).toBe(200);
    expect((await http("GET", "/api/v1/posts", client)).status).toBe(200);
    const last = await rw("GET", "/articles", client);
    expect(last.status).toBe(200);
    expect(last.headers.get("ratelimit-remaining")).toBe("0");
    const refused = await rw("GET", "/articles", client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.body).toEqual({
      errors: { request: [expect.stringMatching(/^Too many requests\. Retry in \d+ s\.$/)] },
    });
  });

  test("When one account's sign-up and logins come from many IPs, then the per-account limit stops them here and at /api/v1", async () => {
    // The sign-up is the first of the account's 3 attempts.
    const user = await rwUser("brute", { baseUrl: server.url });
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      const response = await rw("POST", "/users/login", {
        ...from(`192.0.2.${70 + i}`),
        body: { user: { email: user.email, password: "wrong password 1" } },
      });
      statuses.push(response.status);
    }
    const right = await rw("POST", "/users/login", {
      ...from("192.0.2.79"),
      body: { user: { email: user.email.toUpperCase(), password: user.password } },
    });
    expect([...statuses, right.status]).toEqual([401, 401, 429]);
    expect(right.body.errors.request[0]).toMatch(/^Too many requests/);
    const v1 = await http("POST", "/api/v1/auth/login", {
      ...from("192.0.2.80"),
      body: { email: user.email, password: user.password },
    });
    expect(v1.status).toBe(429);
    expect(v1.body.title).toBe("Too many requests");
  });
});

describe("logs and metrics", () => {
  const lines = () =>
    server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const linesFor = async (requestId: string) => {
    await expect
      .poll(() => lines().filter((line) => line.requestId === requestId).length)
      .toBeGreaterThan(0);
    return lines().filter((line) => line.requestId === requestId);
  };

  test("When either door is called, then one access line names the route template (and the user)", async () => {
    const user = await rwUser("logged", { baseUrl: server.url });
    const rwId = `rw-${randomUUID()}`;
    await rw("GET", "/user", {
      baseUrl: server.url,
      token: user.token,
      headers: { "x-request-id": rwId, "x-forwarded-for": "198.51.100.62" },
    });
    const [rwLine, ...moreRw] = await linesFor(rwId);
    expect(moreRw).toEqual([]);
    expect(rwLine).toMatchObject({ route: "/api/user", status: 200, userId: expect.any(Number) });
    const v1Id = `v1-${randomUUID()}`;
    await http("GET", "/api/v1/posts", {
      ...from("198.51.100.63"),
      headers: { "x-request-id": v1Id, "x-forwarded-for": "198.51.100.63" },
    });
    const v1Lines = await linesFor(v1Id);
    expect(v1Lines).toHaveLength(1);
    expect(v1Lines[0]).toMatchObject({ route: "/api/v1/posts", status: 200 });
  });

  test("When this door answers, then Prometheus counts it under its route template; a failure is logged with the request id", async () => {
    await rw("GET", "/articles/some-unknown-slug", from("198.51.100.64"));
    const metrics = await scrape(server.url);
    expect(
      metrics.value("http_request_duration_seconds_count", {
        route: "/api/articles/:slug",
        status: "404",
      }),
    ).toBeGreaterThan(0);
    const boom = await rw("GET", "/__test/boom", from("198.51.100.65"));
    expect(boom.status).toBe(500);
    const logged = await linesFor(boom.headers.get("x-request-id")!);
    expect(logged.some((line) => line.level === 50 && /explosion/.test(JSON.stringify(line)))).toBe(
      true,
    );
  });
});

describe("route descriptions", () => {
  test("When a route takes a password to check (sign-in trait), then the spec gives it the per-account limit, and no other route gets it", async () => {
    const { realworldRoutes } = await import("../../../src/api/realworld/routes");
    type Api = {
      declType: string;
      declValue: { httpRoute: [string, string]; middlewareConfigFn?: { name: string } };
    };
    const spec = JSON.parse(readFileSync(".wasp/spec-result.json", "utf8")) as { value: Api[] };
    const limited = spec.value
      .filter((decl) => decl.declType === "Api")
      .filter((decl) => decl.declValue.middlewareConfigFn?.name === "realworldSignInMiddleware")
      .map(({ declValue: { httpRoute } }) => `${httpRoute[0]} ${httpRoute[1]}`)
      .sort();
    const signIn = realworldRoutes
      .filter((route) => route.signIn)
      .map((route) => `${route.method} /api${route.path}`)
      .sort();
    expect(signIn).toEqual(["POST /api/users", "POST /api/users/login"]);
    expect(limited).toEqual(signIn);
  });
});
