import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser, PASSWORD, signedUpUser, uniqueEmail } from "../../factories";
import { http } from "../../http";

const register = (body: unknown) => http("POST", "/api/v1/auth/register", { body });
const login = (email: string, password = PASSWORD) =>
  http("POST", "/api/v1/auth/login", { body: { email, password } });
const refresh = (refreshToken: string) =>
  http("POST", "/api/v1/auth/refresh", { body: { refreshToken } });
const me = (user: { id: number }, token: string) =>
  http("GET", `/api/v1/users/${user.id}`, { token });

describe("POST /api/v1/auth/register", () => {
  test("When a new email registers, then 201 with the user, a token pair and an audit row", async () => {
    const email = uniqueEmail("reg");
    const response = await register({ email, name: "Reg", password: PASSWORD });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email, name: "Reg", role: "USER", bannedAt: null });
    expect(response.body).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    expect((await me(response.body.user, response.body.accessToken)).status).toBe(200);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "auth.register", actorId: response.body.user.id },
    });
    expect(audit?.requestId).toBe(response.headers.get("x-request-id"));
  });

  test("When the email is taken (any case), then 409 without saying more and no second user", async () => {
    const email = uniqueEmail("dup");
    await register({ email, name: "First", password: PASSWORD });
    const again = await register({
      email: email.toUpperCase(),
      name: "Second",
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("This email cannot be used to register");
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  test("When fields are invalid or unknown, then 400 lists each field and nothing is created", async () => {
    const email = uniqueEmail("bad");
    const response = await register({ email, name: "", password: "short", role: "ADMIN" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const fields = new Set(response.body.errors.map((e: { field: string }) => e.field));
    expect([...fields].sort()).toEqual(["(root)", "name", "password"]);
    expect(JSON.stringify(response.body.errors)).toContain('Unrecognized key: \\"role\\"');
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("POST /api/v1/auth/login", () => {
  test("When a browser-signed-up user logs in through the API, then the same account gets tokens", async () => {
    const webUser = await signedUpUser("web");
    const response = await login(webUser.email);
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe(webUser.id);
  });

  test("When an API-registered user logs in through the browser's endpoint, then it works", async () => {
    const user = await apiUser("both");
    const response = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.body.sessionId).toBeTruthy();
  });

  test("When the password is wrong or the email unknown, then the same 401 and a failure is audited", async () => {
    const user = await apiUser("wrongpw");
    const wrong = await login(user.email, "not the password 1");
    const missing = await login(uniqueEmail("nobody"));
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(wrong.body.detail).toBe(missing.body.detail);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    const failures = await prisma.auditLog.count({
      where: { action: "auth.login_failed", metadata: { path: ["email"], equals: user.email } },
    });
    expect(failures).toBe(1);
  });

  test("When an unknown email fails, then it takes about as long as a wrong password (no enumeration by timing)", async () => {
    const user = await apiUser("timing");
    const time = async (email: string) => {
      const started = performance.now();
      await login(email, "not the password 1");
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await time(user.email));
      missing.push(await time(uniqueEmail("ghost")));
    }
    // Without the decoy hash a missing user answers ~10x faster; allow wide noise either way.
    const ratio = median(missing) / median(wrong);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });

  test("When a banned user logs in with the right password, then 403 and no tokens", async () => {
    const user = await apiUser("banned", { banned: true });
    const response = await login(user.email);
    expect(response.status).toBe(403);
    expect(response.body.accessToken).toBeUndefined();
  });
});

describe("POST /api/v1/auth/refresh", () => {
  test("When a refresh token is used, then a new pair comes back and the old one is spent", async () => {
    const user = await apiUser("rotate");
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    expect((await me(user, first.body.accessToken)).status).toBe(200);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
  });

  test("When a rotated token is replayed, then 401 and the whole family is revoked and audited", async () => {
    const user = await apiUser("reuse");
    const rotated = await refresh(user.refreshToken);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(401);
    // The legitimate holder's newer tokens die too: the family is compromised.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect((await me(user, rotated.body.accessToken)).status).toBe(401);
    const audit = await prisma.auditLog.count({
      where: { action: "auth.refresh_reuse", actorId: user.id },
    });
    expect(audit).toBe(1);
  });

  test("When two refreshes race with one token, then exactly one wins", async () => {
    const user = await apiUser("race");
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  test("When the refresh token is unknown or missing, then 401 or 400", async () => {
    expect((await refresh("made-up-token")).status).toBe(401);
    expect((await http("POST", "/api/v1/auth/refresh", { body: {} })).status).toBe(400);
  });
});

describe("POST /api/v1/auth/logout", () => {
  test("When a user logs out, then 204, the access token stops at once and the refresh token is dead", async () => {
    const user = await apiUser("logout");
    const response = await http("POST", "/api/v1/auth/logout", { token: user.accessToken });
    expect(response.status).toBe(204);
    expect((await me(user, user.accessToken)).status).toBe(401);
    expect((await refresh(user.refreshToken)).status).toBe(401);
    expect(
      await prisma.auditLog.count({ where: { action: "auth.logout", actorId: user.id } }),
    ).toBe(1);
  });

  test("When logging out one device, then the other device's session keeps working", async () => {
    const user = await apiUser("devices");
    const other = await login(user.email);
    await http("POST", "/api/v1/auth/logout", { token: user.accessToken });
    expect((await me(user, other.body.accessToken)).status).toBe(200);
  });

  test("When logout is called without a token, then 401", async () => {
    expect((await http("POST", "/api/v1/auth/logout")).status).toBe(401);
  });
});

describe("tokens end at once", () => {
  test("When a user is banned, then their access and refresh tokens stop working", async () => {
    const user = await apiUser("ban-live");
    await prisma.user.update({ where: { id: user.id }, data: { bannedAt: new Date() } });
    expect((await me(user, user.accessToken)).status).toBe(401);
    expect((await refresh(user.refreshToken)).status).toBe(401);
  });

  test("When a user is deleted, then their access token stops working", async () => {
    const user = await apiUser("gone");
    await prisma.user.delete({ where: { id: user.id } });
    const response = await http("GET", "/api/v1/posts", { token: user.accessToken });
    expect(response.status).toBe(401);
  });
});

describe("web sign-up", () => {
  test("When a web sign-up sends a name with a NUL character, then it is refused like the API refuses it, and no account is made", async () => {
    const email = uniqueEmail("web-nul");
    const web = await http("POST", "/auth/email/signup", {
      body: { email, password: PASSWORD, name: "bad\u0000name" },
    });
    expect(web.status).toBeGreaterThanOrEqual(400);
    expect(web.status).toBeLessThan(500);
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
  });
});
