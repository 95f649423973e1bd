import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lastLinkToken } from "../../emails";
import { PASSWORD } from "../../factories";
import { httpAt } from "../../http";
import { idOf, rw, rwUser } from "../../realworld";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// The door's tokens live long (its clients cannot refresh), and still end at once when the
// account's sessions end anywhere: a ban, a password reset, a logout at /api/v1, a deletion.
// A server of its own: a lifetime of its own, and the emails it sends (the reset link).
const TTL = 120;
let server: AppServer;
beforeAll(async () => {
  server = await startApp({
    env: {
      ...serverTestEnv,
      REALWORLD_TOKEN_TTL_SECONDS: String(TTL),
      REDIS_PREFIX: `${TEST_REDIS_PREFIX}rw-tokens-${randomUUID().slice(0, 6)}:`,
    },
  });
});
afterAll(() => server?.stop());

const user = (label: string) => rwUser(label, { baseUrl: server.url });
const works = async (token: string) =>
  (await rw("GET", "/user", { token, baseUrl: server.url })).status === 200;

describe("token lifetime", () => {
  test("When a token is issued at sign-up or login, then it lives REALWORLD_TOKEN_TTL_SECONDS, and so does its refresh family", async () => {
    const account = await user("ttl");
    const login = await rw("POST", "/users/login", {
      baseUrl: server.url,
      body: { user: { email: account.email, password: PASSWORD } },
    });
    for (const token of [account.token, login.body.user.token as string]) {
      const claims = jwt.decode(token) as jwt.JwtPayload;
      expect(claims.exp! - claims.iat!).toBe(TTL);
      const family = await prisma.refreshToken.findFirstOrThrow({
        where: { familyId: claims.sid },
      });
      const lifetime = (family.expiresAt.getTime() - family.createdAt.getTime()) / 1000;
      expect(Math.round(lifetime)).toBe(TTL);
    }
  });
});

describe("tokens end with the account's sessions", () => {
  test("When the account is banned, then its token is refused at once", async () => {
    const account = await user("ban");
    expect(await works(account.token)).toBe(true);
    await prisma.user.update({
      where: { id: await idOf(account) },
      data: { bannedAt: new Date() },
    });
    const refused = await rw("GET", "/user", { token: account.token, baseUrl: server.url });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: { token: ["This account is suspended"] } });
  });

  test("When the password is reset through the emailed link, then every token of the account is refused at once", async () => {
    const account = await user("reset");
    const second = await rw("POST", "/users/login", {
      baseUrl: server.url,
      body: { user: { email: account.email, password: PASSWORD } },
    });
    const ask = await httpAt(server.url, "POST", "/auth/email/request-password-reset", {
      body: { email: account.email },
    });
    expect(ask.status).toBe(200);
    await expect
      .poll(() => lastLinkToken(server.output(), account.email, "/password-reset"))
      .toBeTruthy();
    const token = lastLinkToken(server.output(), account.email, "/password-reset")!;
    const reset = await httpAt(server.url, "POST", "/auth/email/reset-password", {
      body: { token, password: "reset pass phrase 9" },
    });
    expect(reset.status).toBe(200);
    expect(await works(account.token)).toBe(false);
    expect(await works(second.body.user.token)).toBe(false);
  });

  test("When the token's session is logged out at /api/v1, then it is refused here at once; other sessions stay", async () => {
    const account = await user("logout");
    const other = await rw("POST", "/users/login", {
      baseUrl: server.url,
      body: { user: { email: account.email, password: PASSWORD } },
    });
    const logout = await httpAt(server.url, "POST", "/api/v1/auth/logout", {
      token: account.token,
    });
    expect(logout.status).toBe(204);
    expect(await works(account.token)).toBe(false);
    expect(await works(other.body.user.token)).toBe(true);
  });

  test("When the account is deleted, then its token is refused at once", async () => {
    const account = await user("delete");
    const id = await idOf(account);
    const removed = await httpAt(server.url, "DELETE", `/api/v1/users/${id}`, {
      token: account.token,
    });
    expect(removed.status).toBe(204);
    expect(await works(account.token)).toBe(false);
  });
});
