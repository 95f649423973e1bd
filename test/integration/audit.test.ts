import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiAdmin, apiUser, PASSWORD, signedUpUser, uniqueEmail } from "../factories";
import { http, operation } from "../http";
import { eventually, rowsFor } from "../audit";

// The audit trail: each security-relevant event leaves a row with the right actor, and admins
// (only admins) can read it back through REST and the getAuditLog query.

describe("audit rows", () => {
  test("When someone registers through the API, then auth.register names them and the request id", async () => {
    const requestId = `reg-${randomUUID()}`;
    const email = uniqueEmail("reg");
    const response = await http("POST", "/api/v1/auth/register", {
      body: { email, name: "Reg", password: PASSWORD },
      headers: { "x-request-id": requestId },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    const [row] = await rowsFor({ action: "auth.register", actorId: response.body.user.id });
    expect(row).toMatchObject({
      targetType: "user",
      targetId: String(response.body.user.id),
      requestId,
      metadata: { via: "api" },
    });
  });

  test("When someone signs up and logs in on the web, then auth.register and auth.login (via web) name them", async () => {
    const user = await signedUpUser("web");
    expect(await rowsFor({ action: "auth.register", actorId: user.id })).toMatchObject([
      { metadata: { via: "web" } },
    ]);
    expect(await rowsFor({ action: "auth.login", actorId: user.id })).toMatchObject([
      { metadata: { via: "web" } },
    ]);
  });

  test("When a REST login succeeds and one fails, then auth.login names the user and auth.login_failed the email", async () => {
    const user = await apiUser("login");
    const ok = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(await rowsFor({ action: "auth.login", actorId: user.id })).toHaveLength(1);

    const bad = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: "wrong password 1" },
    });
    expect(bad.status).toBe(401);
    const failed = await prisma.auditLog.findMany({
      where: { action: "auth.login_failed", metadata: { path: ["email"], equals: user.email } },
    });
    expect(failed).toMatchObject([{ actorId: null, metadata: { via: "api" } }]);
  });

  test("When a browser login has a wrong password, then auth.login_failed (via web) is recorded", async () => {
    const user = await signedUpUser("webwrong");
    const requestId = `web-${randomUUID()}`;
    const bad = await http("POST", "/auth/email/login", {
      body: { email: user.email, password: "wrong password 1" },
      headers: { "x-request-id": requestId },
    });
    expect(bad.status).toBe(401);
    const rows = await eventually(() =>
      rowsFor({ action: "auth.login_failed", actorId: null }).then((all) =>
        all.filter((r) => r.requestId === requestId),
      ),
    );
    expect(rows).toMatchObject([
      { metadata: { via: "web", email: user.email, reason: "invalid_credentials" } },
    ]);
  });

  test("When a user logs out, then auth.logout names them", async () => {
    const user = await apiUser("logout");
    const response = await http("POST", "/api/v1/auth/logout", { token: user.accessToken });
    expect(response.status).toBe(204);
    expect(await rowsFor({ action: "auth.logout", actorId: user.id })).toHaveLength(1);
  });

  test("When a spent refresh token is replayed, then auth.refresh_reuse names its owner", async () => {
    const user = await apiUser("reuse");
    const body = { refreshToken: user.refreshToken };
    expect((await http("POST", "/api/v1/auth/refresh", { body })).status).toBe(200);
    expect((await http("POST", "/api/v1/auth/refresh", { body })).status).toBe(401);
    expect(await rowsFor({ action: "auth.refresh_reuse", actorId: user.id })).toHaveLength(1);
  });

  test("When an admin changes a role and deletes a user, then user.role_change and user.delete name the admin", async () => {
    const admin = await apiAdmin();
    const target = await apiUser("target");
    const promoted = await http("PUT", `/api/v1/users/${target.id}`, {
      token: admin.accessToken,
      body: { role: "ADMIN" },
    });
    expect(promoted.status).toBe(200);
    expect(
      await rowsFor({ action: "user.role_change", actorId: admin.id, targetId: String(target.id) }),
    ).toMatchObject([{ metadata: { from: "USER", to: "ADMIN" } }]);

    const deleted = await http("DELETE", `/api/v1/users/${target.id}`, {
      token: admin.accessToken,
    });
    expect(deleted.status).toBe(204);
    expect(
      await rowsFor({ action: "user.delete", actorId: admin.id, targetId: String(target.id) }),
    ).toMatchObject([{ metadata: { email: target.email, self: false } }]);
  });
});

describe("GET /api/v1/admin/audit and getAuditLog", () => {
  test("When anonymous or a plain user asks, then 401 and 403", async () => {
    expect((await http("GET", "/api/v1/admin/audit")).status).toBe(401);
    const user = await apiUser("nosy");
    const response = await http("GET", "/api/v1/admin/audit", { token: user.accessToken });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  test("When an admin filters by actor and action, then only those rows come back, newest first", async () => {
    const admin = await apiAdmin();
    const user = await apiUser("filtered");
    await http("POST", "/api/v1/auth/login", { body: { email: user.email, password: PASSWORD } });
    await http("POST", "/api/v1/auth/login", { body: { email: user.email, password: PASSWORD } });
    const response = await http("GET", `/api/v1/admin/audit?actorId=${user.id}&action=auth.login`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    expect(response.body.items.every((r: { actorId: number }) => r.actorId === user.id)).toBe(true);
    const [first, second] = response.body.items;
    expect(first.id).toBeGreaterThan(second.id);

    const byTarget = await http(
      "GET",
      `/api/v1/admin/audit?targetType=user&targetId=${user.id}&action=auth.register`,
      { token: admin.accessToken },
    );
    expect(byTarget.body.items).toHaveLength(1);
  });

  test("When an admin pages with limit and cursor, then pages neither overlap nor skip", async () => {
    const admin = await apiAdmin();
    const user = await apiUser("paged");
    for (let i = 0; i < 4; i++) {
      await http("POST", "/api/v1/auth/login", { body: { email: user.email, password: PASSWORD } });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `actorId=${user.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await http("GET", `/api/v1/admin/audit?${query}`, { token: admin.accessToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r: { id: number }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await prisma.auditLog.findMany({
      where: { actorId: user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(seen).toEqual(all.map((r) => r.id));
    expect(seen).toHaveLength(5); // register + 4 logins
  });

  test("When an admin filters by dates, then `from` is inclusive and `to` exclusive", async () => {
    const admin = await apiAdmin();
    const user = await apiUser("dated");
    const [row] = await rowsFor({ action: "auth.register", actorId: user.id });
    const at = row!.createdAt.toISOString();
    const inRange = await http(
      "GET",
      `/api/v1/admin/audit?actorId=${user.id}&from=${at}&to=${new Date(row!.createdAt.getTime() + 1).toISOString()}`,
      { token: admin.accessToken },
    );
    expect(inRange.body.items).toHaveLength(1);
    const before = await http("GET", `/api/v1/admin/audit?actorId=${user.id}&to=${at}`, {
      token: admin.accessToken,
    });
    expect(before.body.items).toHaveLength(0);
  });

  test("When filters are invalid, then 400 names each bad field", async () => {
    const admin = await apiAdmin();
    const response = await http("GET", "/api/v1/admin/audit?from=yesterday&limit=1000&bogus=1", {
      token: admin.accessToken,
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["from", "limit"]));
  });

  test("When the OpenAPI document is read, then it describes /admin/audit and its filters", async () => {
    const doc = await http("GET", "/api/v1/openapi.json");
    const operation = doc.body.paths["/admin/audit"].get;
    const names = operation.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "action",
        "actorId",
        "targetType",
        "targetId",
        "from",
        "to",
        "limit",
        "cursor",
      ]),
    );
  });

  test("When the browser calls getAuditLog, then admins get the page and others 403", async () => {
    const admin = await signedUpUser("webadmin");
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const page = await operation("get-audit-log", { actorId: admin.id }, admin.sessionId);
    expect(page.status).toBe(200);
    expect(page.data.items.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(["auth.register", "auth.login"]),
    );
    const user = await signedUpUser("webuser");
    expect((await operation("get-audit-log", {}, user.sessionId)).status).toBe(403);
  });
});
