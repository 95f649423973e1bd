import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { httpAt } from "../../http";
import { rw, rwUser } from "../../realworld";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// RealWorld frontends are served from other origins: every answer of the door, refusals
// included, carries CORS headers for the origins CORS_ORIGINS allows, and no others. The shared
// test server sets none, so it shows the default: no CORS headers at all.
const FRONTEND = "http://localhost:4100";
let listed: AppServer;
let anyOrigin: AppServer;
const envWith = (origins: string) => ({
  ...serverTestEnv,
  CORS_ORIGINS: origins,
  RATE_LIMIT_AUTH_IP_PER_MIN: "2",
  REDIS_PREFIX: `${TEST_REDIS_PREFIX}rw-cors-${randomUUID().slice(0, 6)}:`,
});
beforeAll(async () => {
  [listed, anyOrigin] = await Promise.all([
    startApp({ env: envWith(`${FRONTEND}, https://Conduit.Example.com/`) }),
    startApp({ env: envWith("*") }),
  ]);
});
afterAll(() => Promise.all([listed?.stop(), anyOrigin?.stop()]));

const preflight = (server: AppServer, path: string, origin: string, method = "PUT") =>
  httpAt(server.url, "OPTIONS", `/api${path}`, {
    headers: {
      origin,
      "access-control-request-method": method,
      "access-control-request-headers": "authorization,content-type",
    },
  });

describe("CORS_ORIGINS lists origins", () => {
  test("When a listed origin sends a preflight, then 204 allows its methods and headers, without credentials", async () => {
    for (const origin of [FRONTEND, "https://conduit.example.com"]) {
      const response = await preflight(listed, "/articles/some-slug", origin);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-methods")).toBe(
        "GET, POST, PUT, DELETE, OPTIONS",
      );
      expect(response.headers.get("access-control-allow-headers")).toBe(
        "Authorization, Content-Type",
      );
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      expect(response.headers.get("vary")).toMatch(/Origin/);
    }
  });

  test("When a listed origin's request is refused (401, 404, 422, 429, 500), then the refusal carries the headers too", async () => {
    const headers = { origin: FRONTEND, "x-forwarded-for": "203.0.113.40" };
    const user = await rwUser("cors", { baseUrl: listed.url });
    const login = { user: { email: user.email, password: "wrong password 1" } };
    const refusals = [
      [401, await rw("GET", "/user", { baseUrl: listed.url, headers })],
      [404, await rw("GET", "/articles/no-such-slug", { baseUrl: listed.url, headers })],
      [422, await rw("POST", "/users", { baseUrl: listed.url, headers, body: { user: {} } })],
      [401, await rw("POST", "/users/login", { baseUrl: listed.url, headers, body: login })],
      [429, await rw("POST", "/users/login", { baseUrl: listed.url, headers, body: login })],
      [500, await rw("GET", "/__test/boom", { baseUrl: listed.url, headers })],
      [200, await rw("GET", "/tags", { baseUrl: listed.url, headers })],
    ] as const;
    for (const [status, response] of refusals) {
      expect(response.status).toBe(status);
      expect(response.headers.get("access-control-allow-origin")).toBe(FRONTEND);
      expect(response.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
      expect(response.headers.get("vary")).toMatch(/Origin/);
    }
  });

  test("When an origin not listed asks, then no CORS header comes back, on preflights or answers", async () => {
    const preflighted = await preflight(listed, "/articles", "https://evil.example");
    expect(preflighted.status).toBe(204);
    expect(preflighted.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflighted.headers.get("access-control-allow-methods")).toBeNull();
    const answer = await rw("GET", "/articles", {
      baseUrl: listed.url,
      headers: { origin: "https://evil.example" },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("When the same origin calls /api/v1, then that door answers as it does without CORS_ORIGINS (Wasp's CORS, not this door's)", async () => {
    const headers = { origin: FRONTEND };
    const withSetting = await httpAt(listed.url, "GET", "/api/v1/posts", { headers });
    const without = await httpAt(inject("serverUrl"), "GET", "/api/v1/posts", { headers });
    expect(withSetting.status).toBe(200);
    for (const name of ["access-control-allow-origin", "access-control-expose-headers", "vary"]) {
      expect(withSetting.headers.get(name), name).toBe(without.headers.get(name));
    }
    expect(withSetting.headers.get("access-control-expose-headers")).toBeNull();
  });
});

describe("CORS_ORIGINS=*", () => {
  test("When any origin asks, then it is allowed, with * and never with credentials", async () => {
    const preflighted = await preflight(anyOrigin, "/user", "https://anywhere.example");
    expect(preflighted.status).toBe(204);
    expect(preflighted.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await rw("GET", "/user", {
      baseUrl: anyOrigin.url,
      headers: { origin: "https://anywhere.example" },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(refused.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("CORS_ORIGINS unset (the default)", () => {
  test("When a browser on another origin asks, then no CORS header is sent", async () => {
    const response = await rw("GET", "/tags", { headers: { origin: FRONTEND } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("When CORS_ORIGINS is not a list of origins, then the server refuses to start and says why", async () => {
    const start = startApp({
      env: { ...serverTestEnv, CORS_ORIGINS: "localhost:4100/app" },
      timeoutMs: 15_000,
    });
    await expect(start).rejects.toThrow(/CORS_ORIGINS: comma-separated origins/);
  });
});
