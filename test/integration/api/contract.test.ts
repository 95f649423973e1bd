import jwt from "jsonwebtoken";
import { prisma } from "wasp/server";
import { describe, expect, inject, test } from "vitest";
import { send } from "../../../scripts/faults/lib/hostile.mjs";
import { apiAdmin, apiUser, postRow } from "../../factories";
import { http } from "../../http";
import { TEST_JWT_SECRET } from "../../setup/testEnv";

// The API's promises to every client: one error shape, JSON only, bounded bodies.
describe("API contract", () => {
  test("When the body is too large, then 413 problem and nothing is stored", async () => {
    const user = await apiUser("huge");
    const response = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      body: { title: "big", content: "x".repeat(200_000) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
  });

  test("When the body is not JSON, then 415; when it is malformed JSON, then 400", async () => {
    const user = await apiUser("types");
    const form = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      raw: "title=a&content=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const broken = await http("POST", "/api/v1/posts", {
      token: user.accessToken,
      raw: '{"title": ',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toBe("The body is not valid JSON");
  });

  test("When any error happens, then the body is an RFC 9457 problem with no internals", async () => {
    const responses = await Promise.all([
      http("GET", "/api/v1/posts/abc"),
      http("GET", "/api/v1/users"),
      http("GET", "/api/v1/no-such-route"),
      http("POST", "/api/v1/auth/login", { raw: "[[[[" }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([400, 401, 404, 400]);
    for (const { body, headers } of responses) {
      expect(headers.get("content-type")).toContain("application/problem+json");
      expect(body).toEqual(
        expect.objectContaining({
          type: expect.stringMatching(/^urn:inkwell:problem:/),
          title: expect.any(String),
          status: expect.any(Number),
          detail: expect.any(String),
          requestId: expect.any(String),
        }),
      );
      expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|prisma|SELECT/i);
    }
  });

  test("When a client sends X-Request-Id, then it comes back on the response and in errors", async () => {
    const response = await http("GET", "/api/v1/posts/0", {
      headers: { "x-request-id": "trace-42" },
    });
    expect(response.headers.get("x-request-id")).toBe("trace-42");
    expect(response.body.requestId).toBe("trace-42");
  });
});

// Input that once reached PostgreSQL or Express's error path and came back as a 500.
describe("API contract: hostile input is refused with 400, never a 500", () => {
  const cursorOf = (text: string) => Buffer.from(text).toString("base64url");
  const signed = (claims: object) =>
    jwt.sign(claims, TEST_JWT_SECRET, {
      algorithm: "HS256",
      header: { alg: "HS256", typ: "at+jwt" },
      issuer: "inkwell",
      audience: "inkwell-api",
      expiresIn: 60,
      jwtid: "regression",
    });

  test("When a text field holds NUL or a lone surrogate, then 400 names the field and nothing is stored", async () => {
    const user = await apiUser("nul");
    for (const title of ["a\u0000b", "x\ud800y"]) {
      const response = await http("POST", "/api/v1/posts", {
        token: user.accessToken,
        body: { title, content: "fine" },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: "title", message: expect.stringMatching(/NUL|Unicode/) },
      ]);
    }
    const renamed = await http("PUT", `/api/v1/users/${user.id}`, {
      token: user.accessToken,
      body: { name: "\u0000" },
    });
    expect(renamed.status).toBe(400);
    const admin = await apiAdmin("nul-admin");
    for (const path of ["/api/v1/users?q=a%00b", "/api/v1/admin/audit?action=a%00b"]) {
      expect((await http("GET", path, { token: admin.accessToken })).status).toBe(400);
    }
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
  });

  test("When a path parameter has broken %-encoding, then a 400 problem", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/posts/%ff"],
      ["DELETE", "/api/v1/users/%E0%A4%A"],
      ["GET", "/api/v1/posts/%"],
    ] as const) {
      const response = await http(method, path);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  test("When an id is not plain decimal (0x1, 1e0, 0b1, 2^31), then 400 rather than another row", async () => {
    const user = await apiUser("ids");
    const post = await postRow(user.id);
    expect((await http("GET", `/api/v1/posts/${post.id}`)).status).toBe(200);
    for (const id of ["0x1", "1e0", "0b1", "%201", "-0", "2147483648", "1e309"]) {
      expect((await http("GET", `/api/v1/posts/${id}`)).status).toBe(400);
    }
  });

  test("When a signed token names an out-of-range user or a malformed session, then 401", async () => {
    const user = await apiUser("claims");
    const { sid } = jwt.decode(user.accessToken) as jwt.JwtPayload;
    for (const claims of [
      { sub: "99999999999", sid },
      { sub: String(user.id), sid: "a\u0000b" },
      { sub: String(user.id), sid: "\ud800" },
    ]) {
      const response = await http("GET", "/api/v1/posts", { token: signed(claims) });
      expect(response.status).toBe(401);
    }
  });

  test("When a cursor names an id or a time out of the database's range, then 400", async () => {
    for (const cursor of [
      cursorOf("2026-01-01T00:00:00.000Z|99999999999"),
      cursorOf("-271821-04-20T00:00:00.000Z|1"),
      cursorOf("+275760-09-13T00:00:00.000Z|1"),
    ]) {
      const response = await http("GET", `/api/v1/posts?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: "cursor", message: "Invalid cursor" }]);
    }
  });

  test("When an audit filter date is outside the years 1-9999, then 400", async () => {
    const admin = await apiAdmin("dates");
    for (const query of [
      "from=-271821-04-20T00:00:00Z",
      "to=-000001-01-01T00:00:00Z",
      "from=%2B275760-09-13T00:00:00Z",
    ]) {
      const response = await http("GET", `/api/v1/admin/audit?${query}`, {
        token: admin.accessToken,
      });
      expect(response.status, query).toBe(400);
    }
  });

  test("When the body is not valid UTF-8, then 400 and nothing is stored", async () => {
    const user = await apiUser("utf8");
    const response = await fetch(inject("serverUrl") + "/api/v1/posts", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.accessToken}` },
      body: Buffer.concat([
        Buffer.from('{"title":"bad '),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","content":"x"}'),
      ]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe(
      "The body is not valid UTF-8",
    );
    expect(await prisma.post.count({ where: { authorId: user.id } })).toBe(0);
  });

  test("When a body is deeply nested, then 400 under the size limit and 413 over it", async () => {
    const under = await http("POST", "/api/v1/auth/login", {
      raw: "[".repeat(50_000) + "]".repeat(50_000),
    });
    expect(under.status).toBe(400);
    const objects = await http("POST", "/api/v1/auth/login", {
      raw: '{"a":'.repeat(16_000) + "1" + "}".repeat(16_000),
    });
    expect(objects.status).toBe(400);
    const over = await http("POST", "/api/v1/auth/login", {
      raw: "[".repeat(100_000) + "]".repeat(100_000),
    });
    expect(over.status).toBe(413);
  });

  test("When a huge Content-Length is announced but not sent, then 413 at once", async () => {
    const response = await send(
      inject("serverUrl"),
      {
        n: 0,
        category: "regression",
        door: "v1",
        prefix: "/api/v1",
        route: "POST /auth/login",
        authMode: "none",
        method: "POST",
        path: "/api/v1/auth/login",
        headers: [["content-type", "application/json"]],
        body: Buffer.from("{}"),
        raw: { protocol: "hugeCl" },
      },
      { timeoutMs: 3000 },
    );
    expect(response.status).toBe(413);
  });

  test("When query parameters are repeated or bracketed, then 400", async () => {
    for (const query of ["limit=1&limit=2", "limit[]=1", "limit[0]=1", "__proto__[x]=1"]) {
      expect((await http("GET", `/api/v1/posts?${query}`)).status).toBe(400);
    }
  });
});

// One error path: whatever fails under /api/v1 (a handler, the namespace middleware, or a
// middleware after it that hands Express an error) answers a problem, never the web shape.
describe("API contract: errors that reach the server's last error handler", () => {
  test("When a middleware under /api/v1 fails unexpectedly, then a 500 problem with the request id and no internals", async () => {
    for (const path of ["/api/v1/__test/boom", "/API/V1/__test/boom"]) {
      const response = await http("GET", path, { headers: { "x-request-id": "boom-api" } });
      expect(response.status, path).toBe(500);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body).toMatchObject({
        type: "urn:inkwell:problem:internal",
        status: 500,
        requestId: "boom-api",
      });
      expect(JSON.stringify(response.body)).not.toMatch(/explosion|at \w+ \(/);
    }
  });

  test("When a middleware under /api/v1 finds the database unreachable, then 503 problem with Retry-After", async () => {
    const response = await http("GET", "/api/v1/__test/unavailable");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body).toMatchObject({ type: "urn:inkwell:problem:unavailable", status: 503 });
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|5432/);
  });

  test("When the same failure happens outside the API, then the web shape: { message, requestId }", async () => {
    const response = await http("GET", "/__test/unavailable", {
      headers: { "x-request-id": "web-503" },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.body).toEqual({
      message: "The service is briefly unavailable. Please retry shortly.",
      requestId: "web-503",
    });
  });
});
