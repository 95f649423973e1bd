import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emailsTo, lastLinkToken } from "../../emails";
import { PASSWORD, uniqueEmail } from "../../factories";
import { httpAt } from "../../http";
import { rw, rwUser } from "../../realworld";
import { startApp, type AppServer } from "../../../scripts/lib/app-process.mjs";
import { serverTestEnv, TEST_REDIS_PREFIX } from "../../setup/testEnv";

// EMAIL_VERIFICATION through the RealWorld door, on servers that really send the emails
// (SKIP_EMAIL_VERIFICATION_IN_DEV=false). Required: sign-up answers with a token, as RealWorld
// clients expect, but it acts only once the address is verified. Optional: exactly the spec.
let required: AppServer;
let optional: AppServer;
const envFor = (policy: "required" | "optional") => ({
  ...serverTestEnv,
  SKIP_EMAIL_VERIFICATION_IN_DEV: "false",
  EMAIL_VERIFICATION: policy,
  REDIS_PREFIX: `${TEST_REDIS_PREFIX}rw-verification-${randomUUID().slice(0, 6)}:`,
});
beforeAll(async () => {
  [required, optional] = await Promise.all([
    startApp({ env: envFor("required") }),
    startApp({ env: envFor("optional") }),
  ]);
});
afterAll(() => Promise.all([required?.stop(), optional?.stop()]));

const MUST_VERIFY = { errors: { email: ["must be verified"] } };

/** Opens the last verification link `server` emailed to `email`. */
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

describe("EMAIL_VERIFICATION=required", () => {
  test("When someone registers, then 201 with the user and a token that answers 403 email must be verified until the address is verified, then works", async () => {
    const account = await rwUser("mustverify", { baseUrl: required.url });
    const call = (method: string, path: string, body?: object) =>
      rw(method, path, { baseUrl: required.url, token: account.token, body });
    for (const response of [
      await call("GET", "/user"),
      await call("GET", "/articles"),
      await call("POST", "/articles", { article: { title: "t", description: "d", body: "b" } }),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body).toEqual(MUST_VERIFY);
    }
    const login = await rw("POST", "/users/login", {
      baseUrl: required.url,
      body: { user: { email: account.email, password: PASSWORD } },
    });
    expect(login.status).toBe(403);
    expect(login.body).toEqual(MUST_VERIFY);
    expect(await prisma.post.count({ where: { author: { email: account.email } } })).toBe(0);

    await verify(required, account.email);
    const me = await call("GET", "/user");
    expect(me.status).toBe(200);
    expect(me.body.user.token).toBe(account.token);
    const again = await rw("POST", "/users/login", {
      baseUrl: required.url,
      body: { user: { email: account.email, password: PASSWORD } },
    });
    expect(again.status).toBe(200);
  });
});

describe("EMAIL_VERIFICATION=optional", () => {
  test("When someone registers, then the token acts at once, as the spec wants", async () => {
    const account = await rwUser("actnow", { baseUrl: optional.url });
    const article = await rw("POST", "/articles", {
      baseUrl: optional.url,
      token: account.token,
      body: { article: { title: "Right away", description: "d", body: "b" } },
    });
    expect(article.status).toBe(201);
  });

  test("When the email changes, then the login follows it, the new address counts as unverified and gets a verification link", async () => {
    const account = await rwUser("newaddress", { baseUrl: optional.url });
    await verify(optional, account.email);
    const email = uniqueEmail("moved");
    const response = await rw("PUT", "/user", {
      baseUrl: optional.url,
      token: account.token,
      body: { user: { email } },
    });
    expect(response.status).toBe(200);
    expect(response.body.user.email).toBe(email);
    const identity = await prisma.authIdentity.findUniqueOrThrow({
      where: { providerName_providerUserId: { providerName: "email", providerUserId: email } },
    });
    expect(JSON.parse(identity.providerData)).toMatchObject({ isEmailVerified: false });
    await expect.poll(() => emailsTo(optional.output(), email).length).toBe(1);
    const login = await rw("POST", "/users/login", {
      baseUrl: optional.url,
      body: { user: { email, password: PASSWORD } },
    });
    expect(login.status).toBe(200);

    await verify(optional, email);
    const verified = await prisma.authIdentity.findUniqueOrThrow({
      where: { providerName_providerUserId: { providerName: "email", providerUserId: email } },
    });
    expect(JSON.parse(verified.providerData)).toMatchObject({ isEmailVerified: true });
  });
});
