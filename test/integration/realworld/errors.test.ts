import jwt from "jsonwebtoken";
import { describe, expect, test } from "vitest";
import { PASSWORD, uniqueEmail } from "../../factories";
import { http, type HttpResponse } from "../../http";
import { rw, rwUser } from "../../realworld";
import { TEST_JWT_SECRET } from "../../setup/testEnv";

// Whatever goes wrong under /api, the answer is RealWorld's `{"errors":{"key":["message"]}}`
// as JSON: never an HTML page, a problem document or a crash. /api/v1 keeps its own shape.

function expectRealWorldError(
  response: HttpResponse<{ errors: Record<string, string[]> }>,
  status: number,
) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys(response.body)).toEqual(["errors"]);
  for (const messages of Object.values(response.body.errors)) {
    expect(messages).toEqual(expect.arrayContaining([expect.any(String)]));
  }
}

describe("refused requests", () => {
  test("When the body is not JSON, not sent as JSON, or too large, then 400, 415 or 413 in RealWorld's shape", async () => {
    const broken = await rw("POST", "/users/login", { raw: '{"user": {' });
    expectRealWorldError(broken, 400);
    expect(broken.body).toEqual({ errors: { request: ["The body is not valid JSON"] } });
    const form = await rw("POST", "/users/login", {
      raw: "user[email]=a@b.c",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectRealWorldError(form, 415);
    const huge = await rw("POST", "/users", {
      body: { user: { username: "big", email: uniqueEmail(), password: "x".repeat(200_000) } },
    });
    expectRealWorldError(huge, 413);
    expect(huge.body.errors.request[0]).toMatch(/larger than 100kb/);
    const bytes = await rw("POST", "/users/login", {
      raw: '{"user": {"email": "\xff"}}',
      headers: { "content-type": "application/json; charset=latin1" },
    });
    expectRealWorldError(bytes, 415);
  });

  test("When a path or method under /api is not a route, then 404 in RealWorld's shape", async () => {
    const unknown = await rw("GET", "/nothing/here");
    expectRealWorldError(unknown, 404);
    expect(unknown.body.errors.request).toEqual(["No route for GET /api/nothing/here"]);
    expectRealWorldError(await rw("PATCH", "/articles/some-slug"), 404);
  });

  test("When the server fails unexpectedly, then 500 names the request id and tells nothing else", async () => {
    const response = await rw("GET", "/__test/boom");
    expectRealWorldError(response, 500);
    const requestId = response.headers.get("x-request-id");
    expect(response.body.errors.server).toEqual([
      "Something went wrong on our side. Please try again.",
      `request id ${requestId}`,
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/explosion|at .*\.js/);
  });

  test("When the database is unreachable, then 503 with Retry-After in RealWorld's shape", async () => {
    const response = await rw("GET", "/__test/unavailable");
    expectRealWorldError(response, 503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(Object.keys(response.body.errors)).toEqual(["server"]);
  });
});

describe("tokens that do not hold", () => {
  test("When the token is garbage, in another scheme, forged or expired, then 401 says why under token, even where none is needed", async () => {
    const user = await rwUser("badtoken");
    const { sid, sub } = jwt.decode(user.token) as jwt.JwtPayload;
    const expired = jwt.sign({ sid, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, {
      algorithm: "HS256",
      header: { alg: "HS256", typ: "at+jwt" },
      issuer: "inkwell",
      audience: "inkwell-api",
      subject: sub,
      jwtid: "expired",
    });
    const cases: [string, string][] = [
      ["Token not-a-jwt", "The access token is invalid"],
      [`Basic ${user.token}`, "Send the token as Authorization: Token <jwt>"],
      [`Token ${user.token} extra`, "Send the token as Authorization: Token <jwt>"],
      [`Token ${expired}`, "The access token has expired"],
    ];
    for (const [authorization, message] of cases) {
      for (const path of ["/user", "/articles"]) {
        const response = await rw("GET", path, { headers: { authorization } });
        expectRealWorldError(response, 401);
        expect(response.body).toEqual({ errors: { token: [message] } });
      }
    }
  });

  test("When an /api/v1 access token is presented here, then it works: one kind of token for both doors", async () => {
    const email = uniqueEmail("v1token");
    const v1 = await http("POST", "/api/v1/auth/register", {
      body: { email, name: "Both doors", password: PASSWORD },
    });
    const me = await rw("GET", "/user", { token: v1.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email, token: v1.body.accessToken });
  });
});

describe("the /api/v1 door is untouched", () => {
  test("When /api/v1 answers errors, then they stay problem+json, whatever this door would say", async () => {
    const unknown = await http("GET", "/api/v1/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ type: "urn:inkwell:problem:not-found", status: 404 });
    const broken = await http("POST", "/api/v1/auth/login", { raw: "{" });
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe("urn:inkwell:problem:bad-request");
    const invalid = await http("POST", "/api/v1/auth/register", { body: { email: "" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: "email" })]),
    );
    const token = await http("GET", "/api/v1/posts", { headers: { authorization: "Token x" } });
    expect(token.status).toBe(401);
    expect(token.body.detail).toBe("Use Authorization: Bearer <access token>");
    const boom = await http("GET", "/api/v1/__test/boom");
    expect(boom.status).toBe(500);
    expect(boom.body.requestId).toBe(boom.headers.get("x-request-id"));
    // Any case and a trailing slash, as Express routes them.
    const shouting = await http("GET", "/API/V1/NOTHING");
    expect(shouting.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
