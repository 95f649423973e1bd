import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiUser, PASSWORD } from "../../factories";
import { httpAt } from "../../http";
import { redisReady, startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// Two instances with small limits and a key space of their own, sharing one Redis.
let servers: AppServer[] = [];
let limitsEnv: Record<string, string | undefined>;
beforeAll(async () => {
  const env = {
    ...serverTestEnv,
    REDIS_PREFIX: `${TEST_REDIS_PREFIX}limits:`,
    RATE_LIMIT_ANON_PER_MIN: "6",
    RATE_LIMIT_AUTH_IP_PER_MIN: "1000",
    RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: "3",
    RATE_LIMIT_WEB_PER_MIN: "4",
    // Shared counting is what these tests check. With the default 150 ms command timeout, a
    // test machine busy enough to stall a server's event loop makes it fall back to counting on
    // its own (deliberately: see outage.test.ts), which would be a different test.
    REDIS_COMMAND_TIMEOUT_MS: "2000",
  };
  limitsEnv = env;
  servers = await Promise.all([startApp({ env }), startApp({ env })]);
  await Promise.all(servers.map((server) => redisReady(server)));
});
afterAll(() => Promise.all(servers.map((server) => server.stop())));

describe("rate limits shared by instances", () => {
  test("When an IP spreads requests over two instances, then the shared limit still holds", async () => {
    // A client IP of its own, passed by the (trusted, loopback) proxy.
    const headers = { "x-forwarded-for": "203.0.113.10" };
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const response = await httpAt(servers[i % 2]!.url, "GET", "/api/v1/posts", { headers });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(response.headers.get("content-type")).toContain("application/problem+json");
        expect(response.body.title).toBe("Too many requests");
      } else {
        expect(response.headers.get("ratelimit-limit")).toBe("6");
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    // Another client is not affected.
    const other = await httpAt(servers[0]!.url, "GET", "/api/v1/posts", {
      headers: { "x-forwarded-for": "203.0.113.11" },
    });
    expect(other.status).toBe(200);
  });

  test("When one account's logins come from many IPs, then the per-account limit stops them", async () => {
    const user = await apiUser("brute");
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const response = await httpAt(servers[i % 2]!.url, "POST", "/api/v1/auth/login", {
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        body: { email: user.email, password: i < 4 ? "wrong password 1" : PASSWORD },
      });
      statuses.push(response.status);
    }
    // Even the right password is refused once the account's budget is spent.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe("web sign-in limits", () => {
  test("When the web login is hammered for one account, then it is limited like the API (shared budget), in Wasp's error shape", async () => {
    const user = await apiUser("web-brute");
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await httpAt(servers[i % 2]!.url, "POST", "/auth/email/login", {
        headers: { "x-forwarded-for": `192.0.2.${i + 1}` },
        body: { email: user.email, password: "wrong password 1" },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body.message).toMatch(/Too many attempts/);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // The same account through the REST door is out of attempts too.
    const api = await httpAt(servers[0]!.url, "POST", "/api/v1/auth/login", {
      headers: { "x-forwarded-for": "192.0.2.99" },
      body: { email: user.email, password: PASSWORD },
    });
    expect(api.status).toBe(429);
  });

  test("When a single instance runs without Redis, then its two sign-in doors still share one budget", async () => {
    const alone = await startApp({ env: { ...limitsEnv, REDIS_URL: undefined } });
    try {
      const user = await apiUser("web-brute-alone");
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const response = await httpAt(alone.url, "POST", "/auth/email/login", {
          headers: { "x-forwarded-for": `192.0.2.${i + 11}` },
          body: { email: user.email, password: "wrong password 1" },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401]);
      const api = await httpAt(alone.url, "POST", "/api/v1/auth/login", {
        headers: { "x-forwarded-for": "192.0.2.98" },
        body: { email: user.email, password: PASSWORD },
      });
      expect(api.status).toBe(429);
      expect(api.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await alone.stop();
    }
  });
});

describe("web app operations", () => {
  test("When one IP calls the web app's queries too often, then it gets 429s in Wasp's error shape, while the API budget is its own", async () => {
    const headers = { "x-forwarded-for": "203.0.113.40" };
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const response = await httpAt(servers[i % 2]!.url, "POST", "/operations/get-feed", {
        headers,
        body: { json: {} },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body.message).toMatch(/^Too many requests\. Try again in \d+ s\.$/);
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // The REST API counts against its own budget, not the web app's.
    const api = await httpAt(servers[0]!.url, "GET", "/api/v1/posts", { headers });
    expect(api.status).toBe(200);
  });
});
