import { randomInt, randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiAdmin, apiUser, PASSWORD, postRow, signedUpUser, uniqueEmail } from "../factories";
import { http } from "../http";
import { eventually, rowsFor } from "../audit";

// Every audit row names the request it came from (id, client IP, user agent), whichever door
// it came through: Wasp operations and auth hooks are never handed the request, so they read it
// from the request context httpLogging opens (src/observability/requestContext.ts). Guards against
// /admin actions being audited with no IP and no request id.

/** A request's identity as the test sends it: its own id, a documentation IP, a user agent. */
function fromClient(label: string) {
  const request = {
    requestId: `${label}-${randomUUID()}`,
    ip: `203.0.113.${randomInt(1, 255)}`,
    userAgent: `InkwellTest/${label} (${randomUUID().slice(0, 8)})`,
  };
  // The test server trusts a proxy on loopback, so X-Forwarded-For names the client.
  const headers = {
    "x-request-id": request.requestId,
    "x-forwarded-for": request.ip,
    "user-agent": request.userAgent,
  };
  return { request, headers };
}

/** A Wasp operation as the browser calls it, with the given request headers. */
async function operationWith(
  name: string,
  args: unknown,
  sessionId: string,
  headers: Record<string, string>,
) {
  const response = await http("POST", `/operations/${name}`, {
    body: { json: args },
    token: sessionId,
    headers,
  });
  return response.status;
}

async function webAdmin() {
  const admin = await signedUpUser("webadmin");
  await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  return admin;
}

describe("audit rows from the web app name their request", () => {
  test("When an admin hides a post from the web app, then post.hide carries that request's id, IP and user agent", async () => {
    const admin = await webAdmin();
    const author = await signedUpUser("author");
    const post = await postRow(author.id);
    const { request, headers } = fromClient("hide");
    const status = await operationWith(
      "hide-post",
      { postId: post.id, reason: "spam" },
      admin.sessionId,
      headers,
    );
    expect(status).toBe(200);
    expect(
      await rowsFor({ action: "post.hide", actorId: admin.id, targetId: String(post.id) }),
    ).toMatchObject([request]);
  });

  test("When an admin bans a user from the web app, then user.ban carries that request's id, IP and user agent", async () => {
    const admin = await webAdmin();
    const target = await signedUpUser("banned");
    const { request, headers } = fromClient("ban");
    const status = await operationWith("ban-user", { userId: target.id }, admin.sessionId, headers);
    expect(status).toBe(200);
    expect(
      await rowsFor({ action: "user.ban", actorId: admin.id, targetId: String(target.id) }),
    ).toMatchObject([request]);
  });

  test("When a user renames themselves from the web app, then user.update carries that request's id, IP and user agent", async () => {
    const user = await signedUpUser("renamer");
    const { request, headers } = fromClient("rename");
    const status = await operationWith(
      "update-user",
      { id: user.id, name: "Renamed" },
      user.sessionId,
      headers,
    );
    expect(status).toBe(200);
    expect(
      await rowsFor({ action: "user.update", actorId: user.id, targetId: String(user.id) }),
    ).toMatchObject([request]);
  });

  test("When two operations run at once, then each row carries its own request, not the other's", async () => {
    const admin = await webAdmin();
    const author = await signedUpUser("author");
    const posts = await Promise.all([postRow(author.id), postRow(author.id), postRow(author.id)]);
    const clients = posts.map((post) => ({ post, ...fromClient("parallel") }));
    const statuses = await Promise.all(
      clients.map(({ post, headers }) =>
        operationWith("hide-post", { postId: post.id, reason: "spam" }, admin.sessionId, headers),
      ),
    );
    expect(statuses).toEqual([200, 200, 200]);
    for (const { post, request } of clients) {
      expect(await rowsFor({ action: "post.hide", targetId: String(post.id) })).toMatchObject([
        request,
      ]);
    }
  });

  test("When someone logs in on the web, then the login hook's auth.login row carries that request", async () => {
    const user = await signedUpUser("weblogin");
    const { request, headers } = fromClient("weblogin");
    const login = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: PASSWORD },
      headers,
    });
    expect(login.status).toBe(200);
    const rows = await rowsFor({ action: "auth.login", actorId: user.id });
    expect(rows.filter((row) => row.requestId === request.requestId)).toMatchObject([request]);
  });

  test("When a browser login fails, then the recorded auth.login_failed carries that request", async () => {
    const { request, headers } = fromClient("webfail");
    const bad = await http("POST", "/auth/email/login", {
      body: { email: uniqueEmail("nobody"), password: "wrong password 1" },
      headers,
    });
    expect(bad.status).toBe(401);
    const rows = await eventually(() =>
      prisma.auditLog.findMany({
        where: { action: "auth.login_failed", requestId: request.requestId },
      }),
    );
    expect(rows).toMatchObject([{ ...request, metadata: { via: "web" } }]);
  });
});

describe("audit rows from the REST API name their request", () => {
  test("When an admin changes a role over REST, then user.role_change carries that request's id, IP and user agent", async () => {
    const admin = await apiAdmin();
    const target = await apiUser("target");
    const { request, headers } = fromClient("rest");
    const response = await http("PUT", `/api/v1/users/${target.id}`, {
      token: admin.accessToken,
      body: { role: "ADMIN" },
      headers,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe(request.requestId);
    expect(
      await rowsFor({ action: "user.role_change", actorId: admin.id, targetId: String(target.id) }),
    ).toMatchObject([{ ...request, metadata: { from: "USER", to: "ADMIN" } }]);
  });

  test("When a REST login fails without a valid X-Request-Id, then the row has the id the response carries", async () => {
    const user = await apiUser("restfail");
    const bad = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: "wrong password 1" },
      headers: { "x-request-id": "not a valid id!" },
    });
    expect(bad.status).toBe(401);
    const issued = bad.headers.get("x-request-id");
    expect(issued).toBeTruthy();
    expect(issued).not.toBe("not a valid id!");
    const [row] = await prisma.auditLog.findMany({
      where: { action: "auth.login_failed", metadata: { path: ["email"], equals: user.email } },
    });
    expect(row).toMatchObject({ requestId: issued, metadata: { via: "api" } });
    expect(row?.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  test("When an admin reads GET /api/v1/admin/audit, then each entry shows its request id, IP and user agent", async () => {
    const admin = await apiAdmin();
    const { request, headers } = fromClient("listed");
    const user = await apiUser("listed");
    await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: PASSWORD },
      headers,
    });
    const page = await http("GET", `/api/v1/admin/audit?actorId=${user.id}&action=auth.login`, {
      token: admin.accessToken,
    });
    expect(page.status).toBe(200);
    expect(page.body.items).toMatchObject([request]);
  });
});
