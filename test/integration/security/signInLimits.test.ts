import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiUser, PASSWORD, uniqueEmail } from "../../factories";
import { http, httpAt } from "../../http";
import { redisReady, startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// Sign-in limits cannot be dodged: not by another spelling of the path (Express routes
// ignoring case and a trailing slash), not by another spelling of the email, and not by a
// request that fails early (bad body, bad token) once the budget is spent.

const LIMIT = 3;
let server: AppServer;
beforeAll(async () => {
  server = await startApp({
    env: {
      ...serverTestEnv,
      REDIS_PREFIX: `${TEST_REDIS_PREFIX}signin-${randomUUID().slice(0, 6)}:`,
      RATE_LIMIT_AUTH_IP_PER_MIN: String(LIMIT),
      RATE_LIMIT_AUTH_ACCOUNT_PER_15MIN: String(LIMIT),
      RATE_LIMIT_ANON_PER_MIN: "4",
      RATE_LIMIT_USER_PER_MIN: "4",
      REDIS_COMMAND_TIMEOUT_MS: "2000", // shared counting, not the outage fallback (outage.test.ts)
    },
  });
  await redisReady(server);
});
afterAll(() => server?.stop());

let nextIp = 1;
const freshIp = () => `198.18.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
const post = (path: string, body: unknown, ip: string, token?: string) =>
  httpAt(server.url, "POST", path, { body, headers: { "x-forwarded-for": ip }, token });

// Each web sign-in route with a body it answers without a limit (401, 200, 200, 400).
const webRoutes: Record<string, () => object> = {
  "/auth/email/login": () => ({ email: uniqueEmail("nobody"), password: "wrong password 1" }),
  "/auth/email/signup": () => ({ email: uniqueEmail("new"), password: PASSWORD, name: "New" }),
  "/auth/email/request-password-reset": () => ({ email: uniqueEmail("forgot") }),
  "/auth/email/reset-password": () => ({ token: "not-a-token", password: PASSWORD }),
};

// Spellings Express routes to the same handler, and spellings it routes nowhere (404).
const routedSpellings = (path: string) => [
  path,
  `${path}/`,
  path.toUpperCase(),
  `${path.toUpperCase()}/`,
  path.replace("/email/", "/Email/"),
  path.replace(/^\/auth/, "/Auth"),
  `${path}?via=spelling`,
  `${path}/?via=spelling`,
];
const unroutedSpellings = (path: string) => [`${path}//`, `${path}%20`, `${path}x`, `/${path}`];

async function statusesOf(path: string, body: () => object, ip = freshIp()) {
  const statuses = [];
  for (let i = 0; i <= LIMIT; i++) statuses.push((await post(path, body(), ip)).status);
  return statuses;
}

describe("web sign-in limits, whatever the spelling of the path", () => {
  for (const [route, body] of Object.entries(webRoutes)) {
    test(`When ${route} is called in every spelling Express routes, then each is limited like the canonical path`, async () => {
      const canonical = await statusesOf(route, body);
      expect(canonical.slice(0, LIMIT).every((status) => status !== 429 && status !== 404)).toBe(
        true,
      );
      expect(canonical[LIMIT]).toBe(429);
      for (const spelling of routedSpellings(route)) {
        expect({ spelling, statuses: await statusesOf(spelling, body) }).toEqual({
          spelling,
          statuses: canonical,
        });
      }
    }, 120_000); // Wasp answers an unknown address's reset request after a random delay
  }

  test("When odder spellings are tried, then each is either routed nowhere (404) or limited like the canonical path", async () => {
    for (const [route, body] of Object.entries(webRoutes)) {
      const canonical = await statusesOf(route, body);
      for (const spelling of unroutedSpellings(route)) {
        const statuses = await statusesOf(spelling, body);
        const unrouted = statuses.every((status) => status === 404);
        expect({ spelling, statuses: unrouted ? canonical : statuses }).toEqual({
          spelling,
          statuses: canonical,
        });
      }
    }
  }, 120_000);

  test("When one IP mixes spellings, then they all spend one budget", async () => {
    const ip = freshIp();
    const spellings = routedSpellings("/auth/email/login");
    const statuses = [];
    for (const spelling of spellings.slice(0, LIMIT + 1)) {
      statuses.push((await post(spelling, webRoutes["/auth/email/login"]!(), ip)).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  test("When the web login fails under any spelling, then each failure is audited", async () => {
    for (const spelling of routedSpellings("/auth/email/login")) {
      const email = uniqueEmail("audited");
      const response = await post(spelling, { email, password: "wrong password 1" }, freshIp());
      expect(response.status).toBe(401);
      // Recorded once the answer has gone out.
      const rows = () =>
        prisma.auditLog.count({
          where: { action: "auth.login_failed", metadata: { path: ["email"], equals: email } },
        });
      await expect.poll(rows, { timeout: 3000 }).toBe(1);
    }
  });
});

describe("per-account limits, whatever the spelling of the email", () => {
  test("When one account is tried with white space, case and no-break-space variants through both doors, then they share one budget", async () => {
    // Made on the shared server (same database): this server's sign-in budgets stay untouched.
    const victim = await apiUser("victim");
    const variants = [
      ` ${victim.email}`,
      `${victim.email}\t`,
      `\u00a0${victim.email.toUpperCase()}`,
      `${victim.email}\u2003`,
    ];
    const doors = [
      "/auth/email/login/",
      "/API/v1/auth/Login",
      "/auth/Email/login",
      "/api/v1/auth/login/",
    ];
    const statuses = [];
    for (const [i, email] of variants.entries()) {
      const response = await post(doors[i]!, { email, password: "wrong password 1" }, freshIp());
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    // Even the right password, on the canonical path, waits for the window.
    const right = await post(
      "/api/v1/auth/login",
      { email: victim.email, password: PASSWORD },
      freshIp(),
    );
    expect(right.status).toBe(429);
    const web = await post(
      "/auth/email/login",
      { email: victim.email, password: PASSWORD },
      freshIp(),
    );
    expect(web.status).toBe(429);
    expect(web.body.message).toMatch(/Too many attempts/);
  });

  test("When the web login gets the email with white space around it, then it signs in to the same account", async () => {
    const user = await apiUser("spaced");
    const response = await post(
      "/auth/email/login",
      { email: `  ${user.email.toUpperCase()} `, password: PASSWORD },
      freshIp(),
    );
    expect(response.status).toBe(200);
    expect(response.body.sessionId).toBeTruthy();
  });
});

describe("the API counts every request before looking at it", () => {
  test("When an IP is over its budget, then malformed, oversized and wrongly authorised requests get 429 too", async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) {
      expect(
        (await httpAt(server.url, "GET", "/api/v1/posts", { headers: { "x-forwarded-for": ip } }))
          .status,
      ).toBe(200);
    }
    const headers = { "x-forwarded-for": ip };
    const malformed = await httpAt(server.url, "POST", "/api/v1/posts", {
      raw: "{not json",
      headers,
    });
    const oversized = await httpAt(server.url, "POST", "/api/v1/auth/login", {
      raw: JSON.stringify({ email: "a@b.c", password: "x".repeat(200_000) }),
      headers,
    });
    const garbageToken = await httpAt(server.url, "GET", "/api/v1/posts", {
      headers: { ...headers, authorization: "Bearer not.a.token" },
    });
    const wrongType = await httpAt(server.url, "POST", "/api/v1/posts", {
      raw: "title=x",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    });
    expect([malformed.status, oversized.status, garbageToken.status, wrongType.status]).toEqual([
      429, 429, 429, 429,
    ]);
    expect(malformed.headers.get("content-type")).toContain("application/problem+json");
  });

  test("When a revoked token keeps being sent, then it spends its user's budget and gets 429 once it is spent", async () => {
    const user = await apiUser("revoked");
    const out = await http("POST", "/api/v1/auth/logout", { token: user.accessToken });
    expect(out.status).toBe(204);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const response = await httpAt(server.url, "GET", "/api/v1/posts", {
        token: user.accessToken,
        headers: { "x-forwarded-for": freshIp() },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
