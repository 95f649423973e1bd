import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prisma } from "wasp/server";
import { apiUser, PASSWORD, uniqueEmail } from "../factories";
import { http } from "../http";
import { startApp, type AppServer } from "../../scripts/lib/app-process.mjs";
import { serverTestEnv } from "../setup/testEnv";

// What an operator reads: the server's stdout, captured from a server this file starts.
type Line = Record<string, unknown> & { msg?: string; requestId?: string };

let server: AppServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startApp({ env: serverTestEnv });
  baseUrl = server.url;
});
afterAll(() => server?.stop());

/** Every JSON line printed so far (Wasp's own start banner is plain text and skipped). */
const jsonLines = (): Line[] =>
  server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Line);

async function linesFor(requestId: string, count = 1): Promise<Line[]> {
  for (let i = 0; i < 40; i++) {
    const lines = jsonLines().filter((line) => line.requestId === requestId);
    if (lines.length >= count) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return jsonLines().filter((line) => line.requestId === requestId);
}

describe("server logs", () => {
  test("When a request sends X-Request-Id, then the response echoes it and one JSON access line carries it with the route template", async () => {
    const user = await apiUser("logged", { baseUrl });
    const requestId = `req-${randomUUID()}`;
    const response = await http("GET", `/api/v1/users/${user.id}`, {
      baseUrl,
      token: user.accessToken,
      headers: { "x-request-id": requestId },
    });
    expect(response.headers.get("x-request-id")).toBe(requestId);
    const lines = await linesFor(requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      method: "GET",
      route: "/api/v1/users/:id",
      path: `/api/v1/users/${user.id}`,
      status: 200,
      userId: user.id,
      service: "inkwell",
    });
    expect(typeof lines[0]!.durationMs).toBe("number");
  });

  test("When the browser signs up, logs in and calls an operation, then the id reaches the audit row and the line names the user", async () => {
    const email = uniqueEmail("weblog");
    const signupId = `signup-${randomUUID()}`;
    const signup = await http("POST", "/auth/email/signup", {
      baseUrl,
      body: { email, password: PASSWORD, name: "Web Log" },
      headers: { "x-request-id": signupId },
    });
    expect(signup.status).toBe(200);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    const row = await prisma.auditLog.findFirst({
      where: { action: "auth.register", actorId: user.id },
    });
    expect(row?.requestId).toBe(signupId);

    const login = await http("POST", "/auth/email/login", {
      baseUrl,
      body: { email, password: PASSWORD },
    });
    const opId = `op-${randomUUID()}`;
    await http("POST", "/operations/get-feed", {
      baseUrl,
      body: { json: {} },
      token: login.body.sessionId,
      headers: { "x-request-id": opId },
    });
    expect(await linesFor(opId)).toMatchObject([
      { route: "/operations/get-feed", status: 200, userId: user.id },
    ]);
  });

  test("When a request falls through Wasp's routers to the server setup's, then httpLogging (mounted in both) handles it once", async () => {
    const requestId = `fallthrough-${randomUUID()}`;
    const response = await http("GET", "/api/v1/no-such-route", {
      baseUrl,
      headers: { "x-request-id": requestId },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(response.body.requestId).toBe(requestId);
    // Let a second line, were there one, reach the output before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await linesFor(requestId)).toMatchObject([{ status: 404, route: "unmatched" }]);
  });

  test("When X-Request-Id is missing or malformed, then the server makes its own and uses it everywhere", async () => {
    const response = await http("GET", "/api/v1/posts", {
      baseUrl,
      headers: { "x-request-id": "bad id with spaces <script>" },
    });
    const id = response.headers.get("x-request-id") ?? "";
    // This process's random prefix and a counter: unique across instances and requests.
    expect(id).toMatch(/^[\w-]{8}-[0-9a-z]+$/);
    expect(await linesFor(id)).toHaveLength(1);
    const next = await http("GET", "/api/v1/posts", { baseUrl });
    expect(next.headers.get("x-request-id")).not.toBe(id);

    const problem = await http("GET", "/api/v1/posts/0", { baseUrl });
    expect(problem.body.requestId).toBe(problem.headers.get("x-request-id"));
  });

  test("When an unexpected error happens, then it is logged once with its stack and request id, and the answer hides it", async () => {
    const requestId = `boom-${randomUUID()}`;
    const response = await http("GET", "/__test/boom", {
      baseUrl,
      headers: { "x-request-id": requestId },
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      message: "Something went wrong on our side. Please try again.",
      requestId,
    });
    const lines = await linesFor(requestId, 2);
    const error = lines.find((line) => line.msg === "GET /__test/boom failed");
    expect(error).toMatchObject({
      level: 50,
      err: { message: expect.stringContaining("test explosion") },
    });
    expect((error!.err as { stack: string }).stack).toContain("testRoutes");
    expect(lines.find((line) => line.route === "/__test/boom")).toMatchObject({ status: 500 });
  });

  test("When an audited action happens, then an audit line with the request id follows the row", async () => {
    const requestId = `audit-${randomUUID()}`;
    const response = await http("POST", "/api/v1/auth/login", {
      baseUrl,
      body: { email: "nobody@test.inkwell", password: "Wrong password 1" },
      headers: { "x-request-id": requestId },
    });
    expect(response.status).toBe(401);
    const lines = await linesFor(requestId, 2);
    expect(lines.find((line) => line.audit === true)).toMatchObject({
      action: "auth.login_failed",
      actorId: null,
      msg: "audit auth.login_failed",
    });
  });

  test("When audited actions concern a person, then the log lines name them by id and carry no email or name", async () => {
    const email = uniqueEmail("pii");
    const failed = `pii-failed-${randomUUID()}`;
    await http("POST", "/api/v1/auth/login", {
      baseUrl,
      body: { email, password: "Wrong password 1" },
      headers: { "x-request-id": failed },
    });
    const user = await apiUser("pii-deleted", { baseUrl });
    const renamed = `pii-renamed-${randomUUID()}`;
    await http("PUT", `/api/v1/users/${user.id}`, {
      baseUrl,
      token: user.accessToken,
      body: { name: "A Private Name" },
      headers: { "x-request-id": renamed },
    });
    const deleted = `pii-deleted-${randomUUID()}`;
    await http("DELETE", `/api/v1/users/${user.id}`, {
      baseUrl,
      token: user.accessToken,
      headers: { "x-request-id": deleted },
    });
    const audits = [
      ...(await linesFor(failed, 2)),
      ...(await linesFor(renamed, 2)),
      ...(await linesFor(deleted, 2)),
    ].filter((line) => line.audit === true);
    expect(audits.map((line) => line.action)).toEqual([
      "auth.login_failed",
      "user.update",
      "user.delete",
    ]);
    expect(audits[2]).toMatchObject({ targetId: String(user.id), metadata: { self: true } });
    const text = JSON.stringify(audits);
    for (const secret of [email, user.email, "A Private Name", user.name]) {
      expect(text).not.toContain(secret);
    }
    // The audit table keeps what admins need.
    const row = await prisma.auditLog.findFirst({ where: { requestId: failed } });
    expect(row?.metadata).toMatchObject({ email });
  });

  test("When passwords, tokens and cookies travel in requests, then none of them reaches the log", async () => {
    const password = `Secret-${randomUUID()}-9`;
    const register = await http("POST", "/api/v1/auth/register", {
      baseUrl,
      body: { email: `secret-${randomUUID().slice(0, 8)}@test.inkwell`, name: "S", password },
    });
    expect(register.status).toBe(201);
    const { accessToken, refreshToken } = register.body;
    await http("GET", "/api/v1/posts", { baseUrl, token: accessToken });
    await http("POST", "/api/v1/auth/refresh", { baseUrl, body: { refreshToken } });
    await http("POST", "/api/v1/auth/login", {
      baseUrl,
      body: { email: register.body.user.email, password },
    });
    const web = await http("POST", "/auth/email/login", {
      baseUrl,
      body: { email: "who@test.inkwell", password },
      headers: { cookie: `session=${password}` },
    });
    expect(web.status).toBe(401);
    await http("GET", "/metrics", { baseUrl, token: "test-metrics-token" });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const output = server.output();
    for (const secret of [password, accessToken, refreshToken, "test-metrics-token", PASSWORD]) {
      expect(output).not.toContain(secret);
    }
    // Every JSON line parses (jsonLines throws otherwise) and names its level and time.
    for (const line of jsonLines()) expect(line).toHaveProperty("time");
  });
});
