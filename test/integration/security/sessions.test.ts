import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lastLinkToken } from "../../emails";
import { PASSWORD, uniqueEmail } from "../../factories";
import { httpAt } from "../../http";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// Whoever resets a password may be locking out a thief: afterwards no session of the account
// works, at either door. A change made while signed in keeps only the session it was made in.
let server: AppServer;
beforeAll(async () => {
  server = await startApp({
    env: {
      ...serverTestEnv,
      REDIS_PREFIX: `${TEST_REDIS_PREFIX}sessions-${randomUUID().slice(0, 6)}:`,
    },
  });
});
afterAll(() => server?.stop());

const call = (method: string, path: string, options: Parameters<typeof httpAt>[3] = {}) =>
  httpAt(server.url, method, path, options);

/** An account with two browser sessions and two REST sessions (refresh token families). */
async function accountWithSessions(label: string) {
  const email = uniqueEmail(label);
  const signup = await call("POST", "/auth/email/signup", {
    body: { email, password: PASSWORD, name: label },
  });
  expect(signup.status).toBe(200);
  const web = [];
  for (let i = 0; i < 2; i++) {
    const login = await call("POST", "/auth/email/login", { body: { email, password: PASSWORD } });
    web.push(login.body.sessionId as string);
  }
  const rest = [];
  for (let i = 0; i < 2; i++) {
    const login = await call("POST", "/api/v1/auth/login", { body: { email, password: PASSWORD } });
    rest.push(login.body as { accessToken: string; refreshToken: string; user: { id: number } });
  }
  return { email, id: rest[0]!.user.id, web, rest };
}

const webSessionWorks = async (sessionId: string) =>
  (await call("GET", "/auth/me", { token: sessionId })).status === 200;
const accessWorks = async (token: string, id: number) =>
  (await call("GET", `/api/v1/users/${id}`, { token })).status === 200;
const refreshWorks = async (refreshToken: string) =>
  (await call("POST", "/api/v1/auth/refresh", { body: { refreshToken } })).status === 200;

async function resetLink(email: string) {
  const ask = await call("POST", "/auth/email/request-password-reset", { body: { email } });
  expect(ask.status).toBe(200);
  await expect.poll(() => lastLinkToken(server.output(), email, "/password-reset")).toBeTruthy();
  return lastLinkToken(server.output(), email, "/password-reset")!;
}

describe("password reset", () => {
  // The reset route in two spellings Express routes to it: neither may skip the session ending.
  for (const path of ["/auth/email/reset-password", "/auth/Email/Reset-Password/"]) {
    test(`When the password is reset (${path}), then every browser session and REST token of the account stops working`, async () => {
      const account = await accountWithSessions("reset");
      for (const sessionId of account.web) expect(await webSessionWorks(sessionId)).toBe(true);
      const token = await resetLink(account.email);

      const reset = await call("POST", path, { body: { token, password: "brand new pass 7" } });
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ success: true });

      for (const sessionId of account.web) expect(await webSessionWorks(sessionId)).toBe(false);
      for (const pair of account.rest) {
        expect(await accessWorks(pair.accessToken, account.id)).toBe(false);
        expect(await refreshWorks(pair.refreshToken)).toBe(false);
      }
      const old = await call("POST", "/api/v1/auth/login", {
        body: { email: account.email, password: PASSWORD },
      });
      expect(old.status).toBe(401);
      const fresh = await call("POST", "/auth/email/login", {
        body: { email: account.email, password: "brand new pass 7" },
      });
      expect(fresh.status).toBe(200);
      const audit = await prisma.auditLog.findFirst({
        where: { action: "auth.password_reset", actorId: account.id },
      });
      expect(audit?.metadata).toMatchObject({ sessionsEnded: 2, tokensRevoked: 2 });
    });
  }

  test("When the reset link is wrong or the new password too weak, then 4xx and nothing changes", async () => {
    const account = await accountWithSessions("badreset");
    const bad = await call("POST", "/auth/email/reset-password", {
      body: { token: "not.a.token", password: "brand new pass 7" },
    });
    expect(bad.status).toBe(400);
    const weak = await call("POST", "/auth/email/reset-password", {
      body: { token: await resetLink(account.email), password: "short" },
    });
    expect(weak.status).toBe(422);
    expect(await webSessionWorks(account.web[0]!)).toBe(true);
    expect(await refreshWorks(account.rest[0]!.refreshToken)).toBe(true);
  });
});

describe("password change while signed in (POST /api/v1/auth/password)", () => {
  test("When a REST client changes the password, then its own session stays and every other one ends", async () => {
    const account = await accountWithSessions("change");
    const [current, other] = account.rest;
    const change = await call("POST", "/api/v1/auth/password", {
      token: current!.accessToken,
      body: { currentPassword: PASSWORD, newPassword: "changed pass 8" },
    });
    expect(change.status).toBe(204);

    expect(await accessWorks(current!.accessToken, account.id)).toBe(true);
    expect(await refreshWorks(current!.refreshToken)).toBe(true);
    expect(await accessWorks(other!.accessToken, account.id)).toBe(false);
    expect(await refreshWorks(other!.refreshToken)).toBe(false);
    for (const sessionId of account.web) expect(await webSessionWorks(sessionId)).toBe(false);
    const login = await call("POST", "/api/v1/auth/login", {
      body: { email: account.email, password: "changed pass 8" },
    });
    expect(login.status).toBe(200);
  });

  test("When the current password is wrong, then 400 names the field and no session ends", async () => {
    const account = await accountWithSessions("wrongcurrent");
    const change = await call("POST", "/api/v1/auth/password", {
      token: account.rest[0]!.accessToken,
      body: { currentPassword: "not it at all 1", newPassword: "changed pass 8" },
    });
    expect(change.status).toBe(400);
    expect(change.body.errors).toEqual([
      { field: "currentPassword", message: "The current password is wrong" },
    ]);
    expect(await refreshWorks(account.rest[1]!.refreshToken)).toBe(true);
    expect(await webSessionWorks(account.web[0]!)).toBe(true);
  });
});

describe("web login timing", () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  async function timeLogins(email: string, times = 7) {
    const durations = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const response = await call("POST", "/auth/email/login", {
        body: { email, password: "wrong password 1" },
      });
      durations.push(performance.now() - started);
      expect(response.status).toBe(401);
    }
    return median(durations);
  }

  test("When the web login is tried for an unknown or unverified address, then it takes about as long as a wrong password for a known one", async () => {
    const known = await accountWithSessions("timing");
    const unverified = uniqueEmail("unverified");
    await call("POST", "/api/v1/auth/register", {
      body: { email: unverified, name: "Unverified", password: PASSWORD },
    });
    await prisma.$executeRaw`UPDATE "AuthIdentity" SET "providerData" =
      jsonb_set("providerData"::jsonb, '{isEmailVerified}', 'false')::text
      WHERE "providerName" = 'email' AND "providerUserId" = ${unverified}`;
    await timeLogins(known.email, 2); // warm up (the decoy hash is made on first use)
    const knownMs = await timeLogins(known.email);
    const unknownMs = await timeLogins(uniqueEmail("nobody"));
    const unverifiedMs = await timeLogins(unverified);
    // Ratios within one run: without the decoy hash an unknown address answers ~10× faster.
    expect(unknownMs / knownMs).toBeGreaterThan(0.6);
    expect(unverifiedMs / knownMs).toBeGreaterThan(0.6);
  });
});
