import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emailsTo, lastLinkToken } from "../../emails";
import { PASSWORD, uniqueEmail } from "../../factories";
import { httpAt } from "../../http";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// One email verification policy for every door (EMAIL_VERIFICATION). Two servers on the same
// database: one where verification is required (the production default), one where it is
// optional; neither skips it (SKIP_EMAIL_VERIFICATION_IN_DEV=false), so every sign-up gets a
// real verification email, printed by the development email sender.

const admins = [
  uniqueEmail("first-admin"),
  uniqueEmail("second-admin"),
  uniqueEmail("third-admin"),
];
let required: AppServer;
let optional: AppServer;
const envFor = (policy: "required" | "optional") => ({
  ...serverTestEnv,
  SKIP_EMAIL_VERIFICATION_IN_DEV: "false",
  EMAIL_VERIFICATION: policy,
  ADMIN_EMAILS: admins.join(","),
  REDIS_PREFIX: `${TEST_REDIS_PREFIX}verification-${randomUUID().slice(0, 6)}:`,
});
beforeAll(async () => {
  [required, optional] = await Promise.all([
    startApp({ env: envFor("required") }),
    startApp({ env: envFor("optional") }),
  ]);
});
afterAll(() => Promise.all([required?.stop(), optional?.stop()]));

const NOT_VERIFIED = "urn:inkwell:problem:email-not-verified";
const register = (server: AppServer, email: string) =>
  httpAt(server.url, "POST", "/api/v1/auth/register", {
    body: { email, name: "Someone", password: PASSWORD },
  });
const apiLogin = (server: AppServer, email: string, password = PASSWORD) =>
  httpAt(server.url, "POST", "/api/v1/auth/login", { body: { email, password } });
const webLogin = (server: AppServer, email: string, password = PASSWORD) =>
  httpAt(server.url, "POST", "/auth/email/login", { body: { email, password } });
const refresh = (server: AppServer, refreshToken: string) =>
  httpAt(server.url, "POST", "/api/v1/auth/refresh", { body: { refreshToken } });

/** Opens the last verification link `server` emailed to `email` (waits for the email). */
async function verify(server: AppServer, email: string) {
  await expect
    .poll(() => lastLinkToken(server.output(), email, "/email-verification"))
    .toBeTruthy();
  const token = lastLinkToken(server.output(), email, "/email-verification")!;
  const response = await httpAt(server.url, "POST", "/auth/email/verify-email", {
    body: { token },
  });
  expect(response.status).toBe(200);
}

/** As if the last verification email went out two minutes ago (re-sends wait a minute). */
const ageVerificationEmail = (email: string) =>
  prisma.$executeRaw`UPDATE "AuthIdentity" SET "providerData" = jsonb_set("providerData"::jsonb,
    '{emailVerificationSentAt}', to_jsonb(${new Date(Date.now() - 120_000).toISOString()}::text))::text
    WHERE "providerName" = 'email' AND "providerUserId" = ${email}`;

const waitForEmails = (server: AppServer, email: string, count: number) =>
  expect.poll(() => emailsTo(server.output(), email).length).toBe(count);

describe("EMAIL_VERIFICATION=required", () => {
  test("When an address registers through the REST API, then no tokens are issued, the verification email is sent, and it cannot sign in at either door until verified", async () => {
    const email = uniqueEmail("rest-signup");
    const response = await register(required, email);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ emailVerified: false, user: { email, role: "USER" } });
    expect(response.body.accessToken).toBeUndefined();
    expect(response.body.refreshToken).toBeUndefined();
    await waitForEmails(required, email, 1);

    const refused = await apiLogin(required, email);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe(NOT_VERIFIED);
    expect(refused.body.detail).toMatch(/verify your email/i);
    expect((await webLogin(required, email)).status).toBe(401);

    await verify(required, email);
    const login = await apiLogin(required, email);
    expect(login.status).toBe(200);
    expect(login.body.emailVerified).toBe(true);
    const me = await httpAt(required.url, "GET", `/api/v1/users/${login.body.user.id}`, {
      token: login.body.accessToken,
    });
    expect(me.status).toBe(200);
    expect((await webLogin(required, email)).status).toBe(200);
  });

  test("When a token was issued before the address was verified, then it cannot act (403) and refresh refuses, until the address is verified", async () => {
    const email = uniqueEmail("early-token");
    // Issued where verification was optional (e.g. before a deployment made it required).
    const early = await register(optional, email);
    expect(early.status).toBe(201);
    expect(early.body.emailVerified).toBe(false);
    const token = early.body.accessToken as string;
    const act = await httpAt(required.url, "POST", "/api/v1/posts", {
      token,
      body: { title: "Before verifying", content: "Should not be stored" },
    });
    expect(act.status).toBe(403);
    expect(act.body.type).toBe(NOT_VERIFIED);
    const read = await httpAt(required.url, "GET", `/api/v1/users/${early.body.user.id}`, {
      token,
    });
    expect(read.status).toBe(403);
    const renewed = await refresh(required, early.body.refreshToken);
    expect(renewed.status).toBe(403);
    expect(renewed.body.type).toBe(NOT_VERIFIED);
    expect(await prisma.post.count({ where: { authorId: early.body.user.id } })).toBe(0);

    await verify(optional, email);
    const after = await refresh(required, early.body.refreshToken);
    expect(after.status).toBe(200);
    const post = await httpAt(required.url, "POST", "/api/v1/posts", {
      token: after.body.accessToken,
      body: { title: "After verifying", content: "Stored" },
    });
    expect(post.status).toBe(201);
  });

  test("When an ADMIN_EMAILS address signs up in the browser, then it is an ordinary user until it opens the verification link", async () => {
    const email = admins[0]!;
    const signup = await httpAt(required.url, "POST", "/auth/email/signup", {
      body: { email, password: PASSWORD, name: "First admin" },
    });
    expect(signup.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).role).toBe("USER");
    await verify(required, email);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("ADMIN");
    const audited = await prisma.auditLog.count({
      where: { action: "auth.email_verified", actorId: user.id },
    });
    expect(audited).toBe(1);
  });

  test("When production is started with SKIP_EMAIL_VERIFICATION_IN_DEV=true, then it refuses to start and says why", async () => {
    const start = startApp({
      env: {
        ...serverTestEnv,
        NODE_ENV: "production",
        INKWELL_TEST_ROUTES: undefined,
        JWT_SECRET: "test-only-wasp-jwt-secret-0123456789abcdef",
        API_JWT_SECRET: "test-only-api-jwt-secret-0123456789abcdef",
        SKIP_EMAIL_VERIFICATION_IN_DEV: "true",
      },
    });
    await expect(start).rejects.toThrow(
      /SKIP_EMAIL_VERIFICATION_IN_DEV=true is for development only/,
    );
  });
});

describe("EMAIL_VERIFICATION=optional", () => {
  test("When an ADMIN_EMAILS address registers through the REST API, then its token acts as an ordinary user, and admin rights come only with verification", async () => {
    const email = admins[1]!;
    const response = await register(optional, email);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ emailVerified: false, user: { role: "USER" } });
    const token = response.body.accessToken as string;
    const post = await httpAt(optional.url, "POST", "/api/v1/posts", {
      token,
      body: { title: "Unverified but allowed", content: "Optional verification" },
    });
    expect(post.status).toBe(201);
    const adminOnly = await httpAt(optional.url, "GET", "/api/v1/users", { token });
    expect(adminOnly.status).toBe(403);
    await waitForEmails(optional, email, 1);

    await verify(optional, email);
    const login = await apiLogin(optional, email);
    expect(login.body.user.role).toBe("ADMIN");
    const nowAdmin = await httpAt(optional.url, "GET", "/api/v1/users", {
      token: login.body.accessToken,
    });
    expect(nowAdmin.status).toBe(200);
  });
});

describe("a second sign-up for an address whose account is not verified", () => {
  test("When the address signs up again at either door, then the account and its posts are kept and the address gets a new verification email", async () => {
    const email = uniqueEmail("squatted");
    // Someone registers the address and writes with the token (verification optional).
    const squatter = await register(optional, email);
    const post = await httpAt(optional.url, "POST", "/api/v1/posts", {
      token: squatter.body.accessToken,
      body: { title: "Squatter's post", content: "Written before anyone verified" },
    });
    expect(post.status).toBe(201);
    await waitForEmails(optional, email, 1);

    await ageVerificationEmail(email);
    const web = await httpAt(required.url, "POST", "/auth/email/signup", {
      body: { email, password: "owner password 2", name: "Owner" },
    });
    // The answer of any sign-up: nothing tells whether the address had an account.
    expect(web.status).toBe(200);
    expect(web.body).toEqual({ success: true });
    await waitForEmails(required, email, 1);

    await ageVerificationEmail(email);
    const rest = await register(required, email.toUpperCase());
    expect(rest.status).toBe(409);
    await waitForEmails(required, email, 2);

    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.id).toBe(squatter.body.user.id);
    expect(await prisma.post.count({ where: { id: post.body.id } })).toBe(1);
    // Within a minute of the last one, no further email goes out (no mail bombing).
    await httpAt(required.url, "POST", "/auth/email/signup", {
      body: { email, password: "owner password 2", name: "Owner" },
    });
    await register(required, email);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emailsTo(required.output(), email)).toHaveLength(2);
  });

  test("When the owner of the address verifies it and resets the password, then the account is theirs and every earlier session has ended", async () => {
    const email = uniqueEmail("takeover");
    const squatter = await register(optional, email);
    expect(squatter.status).toBe(201);

    const ask = await httpAt(required.url, "POST", "/auth/email/request-password-reset", {
      body: { email },
    });
    expect(ask.status).toBe(200);
    await expect
      .poll(() => lastLinkToken(required.output(), email, "/password-reset"))
      .toBeTruthy();
    const token = lastLinkToken(required.output(), email, "/password-reset")!;
    const reset = await httpAt(required.url, "POST", "/auth/email/reset-password", {
      body: { token, password: "owner password 3" },
    });
    expect(reset.status).toBe(200);

    // The reset proved the inbox: the owner signs in at both doors, the squatter is out.
    expect((await apiLogin(required, email, "owner password 3")).status).toBe(200);
    expect((await webLogin(required, email, "owner password 3")).status).toBe(200);
    expect((await apiLogin(required, email)).status).toBe(401);
    const stale = await httpAt(optional.url, "GET", `/api/v1/users/${squatter.body.user.id}`, {
      token: squatter.body.accessToken,
    });
    expect(stale.status).toBe(401);
    expect((await refresh(optional, squatter.body.refreshToken)).status).toBe(401);
  });
});
