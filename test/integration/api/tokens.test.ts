import { createHmac } from "node:crypto";
import jwt from "jsonwebtoken";
import { describe, expect, test } from "vitest";
import { apiUser } from "../../factories";
import { http } from "../../http";
import { TEST_JWT_SECRET } from "../../setup/testEnv";

// Forged and damaged access tokens: every one must be refused with 401 and a problem body.
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;

// Forged with the access token's own header type, so each test breaks one thing only.
const forge = (claims: object, options: jwt.SignOptions = {}, secret = TEST_JWT_SECRET) =>
  jwt.sign(claims, secret, {
    algorithm: "HS256",
    header: { alg: options.algorithm ?? "HS256", typ: "at+jwt" },
    ...options,
  });

async function expectRefused(token: string, detail = /invalid|expired/) {
  const response = await http("POST", "/api/v1/posts", {
    token,
    body: { title: "forged", content: "should never be stored" },
  });
  expect(response.status).toBe(401);
  expect(response.body.detail).toMatch(detail);
}

describe("access token verification", () => {
  test("When the payload is tampered with (another user's id), then 401", async () => {
    const user = await apiUser("tamper");
    const [header, , signature] = user.accessToken.split(".");
    const claims = { ...claimsOf(user.accessToken), sub: String(user.id + 1) };
    await expectRefused(`${header}.${b64(claims)}.${signature}`);
  });

  test("When the token is expired, then 401 says so", async () => {
    const user = await apiUser("expired");
    const { sid, sub } = claimsOf(user.accessToken);
    const token = forge(
      { sid, exp: Math.floor(Date.now() / 1000) - 60 },
      { issuer: "inkwell", audience: "inkwell-api", subject: sub, jwtid: "x" },
    );
    await expectRefused(token, /expired/);
  });

  test("When the token uses alg none, then 401", async () => {
    const user = await apiUser("none");
    const claims = claimsOf(user.accessToken);
    await expectRefused(`${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`);
  });

  test("When the token is signed with another algorithm or secret, then 401", async () => {
    const user = await apiUser("alg");
    const { sid, sub } = claimsOf(user.accessToken);
    const valid = { issuer: "inkwell", audience: "inkwell-api", subject: sub, jwtid: "j" };
    await expectRefused(
      forge({ sid }, { ...valid, algorithm: "HS512", expiresIn: 60 }, TEST_JWT_SECRET),
    );
    await expectRefused(
      forge({ sid }, { ...valid, expiresIn: 60 }, "some-other-secret-of-32-chars!!"),
    );
  });

  test("When the audience, issuer or id is wrong or missing, then 401", async () => {
    const user = await apiUser("aud");
    const { sid, sub } = claimsOf(user.accessToken);
    const base = { subject: sub, expiresIn: 60 };
    await expectRefused(
      forge({ sid }, { ...base, issuer: "inkwell", audience: "other", jwtid: "j" }),
    );
    await expectRefused(
      forge({ sid }, { ...base, issuer: "evil", audience: "inkwell-api", jwtid: "j" }),
    );
    await expectRefused(forge({ sid }, { ...base, issuer: "inkwell", audience: "inkwell-api" }));
  });

  test("When a correctly signed JWT is not typed as an access token (typ at+jwt), then 401", async () => {
    const user = await apiUser("typ");
    const { sid, sub, email_verified } = claimsOf(user.accessToken);
    const valid = { issuer: "inkwell", audience: "inkwell-api", subject: sub, jwtid: "j" };
    expect(jwt.decode(user.accessToken, { complete: true })?.header.typ).toBe("at+jwt");
    // The very claims of a working token, under a plain JWT header or another type.
    for (const typ of [undefined, "JWT", "id+jwt"]) {
      const header = { alg: "HS256" as const, ...(typ ? { typ } : {}) };
      await expectRefused(
        jwt.sign({ sid, email_verified }, TEST_JWT_SECRET, { ...valid, header, expiresIn: 60 }),
      );
    }
    const control = forge({ sid, email_verified }, { ...valid, expiresIn: 60 });
    const accepted = await http("GET", `/api/v1/users/${user.id}`, { token: control });
    expect(accepted.status).toBe(200);
  });

  test("When a correctly signed token names a session that never existed, then 401", async () => {
    const user = await apiUser("nosession");
    const { sub } = claimsOf(user.accessToken);
    const token = forge(
      { sid: "00000000-0000-0000-0000-000000000000" },
      { issuer: "inkwell", audience: "inkwell-api", subject: sub, jwtid: "j", expiresIn: 60 },
    );
    await expectRefused(token, /no longer valid/);
  });

  test("When the header is not a bearer token or the signature is garbage, then 401", async () => {
    const user = await apiUser("garbage");
    await expectRefused(user.accessToken.slice(0, -4) + "AAAA");
    const basic = await http("GET", "/api/v1/posts", { headers: { authorization: "Basic abc" } });
    expect(basic.status).toBe(401);
    // The HMAC must match exactly; a signature made with the right key over other bytes fails.
    const [header, payload] = user.accessToken.split(".");
    const other = createHmac("sha256", TEST_JWT_SECRET).update(`${header}.${payload}x`).digest();
    await expectRefused(`${header}.${payload}.${other.toString("base64url")}`);
  });
});
