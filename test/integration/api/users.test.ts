import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser, PASSWORD, postRow } from "../../factories";
import { http, type HttpResponse } from "../../http";

type UserPage = { items: { id: number }[]; nextCursor: string | null };

describe("GET /api/v1/users", () => {
  test("When an admin searches by part of an email or name, then matching users come back with all fields", async () => {
    const admin = await apiUser("lister", { role: "ADMIN" });
    const target = await apiUser("findme");
    const byEmail = await http(
      "GET",
      `/api/v1/users?q=${target.email.slice(0, 14).toUpperCase()}`,
      {
        token: admin.accessToken,
      },
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items).toEqual([
      expect.objectContaining({ id: target.id, email: target.email, role: "USER" }),
    ]);
  });

  test("When an admin pages through users, then pages do not overlap", async () => {
    const admin = await apiUser("pages", { role: "ADMIN" });
    const first = await http("GET", "/api/v1/users?limit=2", { token: admin.accessToken });
    const second = await http("GET", `/api/v1/users?limit=2&cursor=${first.body.nextCursor}`, {
      token: admin.accessToken,
    });
    const ids = [...first.body.items, ...second.body.items].map((u: { id: number }) => u.id);
    expect(new Set(ids).size).toBe(4);
  });

  test("When an admin pages through a search, then every page holds only matches", async () => {
    const admin = await apiUser("searcher", { role: "ADMIN" });
    const tag = `pg${Date.now().toString(36)}`;
    // Older users (the admin, at least) come after the matches: a page that lost the search
    // would go on to them.
    const matches = [await apiUser(tag), await apiUser(tag), await apiUser(tag)];
    const seen: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: HttpResponse<UserPage> = await http<UserPage>(
        "GET",
        `/api/v1/users?q=${tag}&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        { token: admin.accessToken },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
      expect(seen.length).toBeLessThanOrEqual(matches.length);
    }
    expect(seen.sort()).toEqual(matches.map((u) => u.id).sort());
  });

  test("When a non-admin or anonymous caller lists users, then 403 or 401", async () => {
    const user = await apiUser("nosy");
    expect((await http("GET", "/api/v1/users", { token: user.accessToken })).status).toBe(403);
    expect((await http("GET", "/api/v1/users")).status).toBe(401);
  });
});

describe("GET /api/v1/users/:id", () => {
  test("When others read a profile, then only public fields; the user and admins see everything", async () => {
    const user = await apiUser("profile");
    const other = await apiUser("viewer");
    const publicView = await http("GET", `/api/v1/users/${user.id}`);
    expect(Object.keys(publicView.body).sort()).toEqual([
      "bio",
      "createdAt",
      "id",
      "image",
      "name",
      "username",
    ]);
    const asOther = await http("GET", `/api/v1/users/${user.id}`, { token: other.accessToken });
    expect(asOther.body.email).toBeUndefined();
    const asSelf = await http("GET", `/api/v1/users/${user.id}`, { token: user.accessToken });
    expect(asSelf.body.email).toBe(user.email);
  });
});

describe("PUT /api/v1/users/:id", () => {
  test("When a user renames themselves, then 200 and the change is audited", async () => {
    const user = await apiUser("rename");
    const response = await http("PUT", `/api/v1/users/${user.id}`, {
      token: user.accessToken,
      body: { name: "  New Name " },
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe("New Name");
    expect(
      await prisma.auditLog.count({ where: { action: "user.update", actorId: user.id } }),
    ).toBe(1);
  });

  test("When an admin promotes a user, then the role changes and the audit row records from/to", async () => {
    const admin = await apiUser("promoter", { role: "ADMIN" });
    const user = await apiUser("promoted");
    const response = await http("PUT", `/api/v1/users/${user.id}`, {
      token: admin.accessToken,
      body: { role: "ADMIN" },
    });
    expect(response.body.role).toBe("ADMIN");
    const audit = await prisma.auditLog.findFirst({
      where: { action: "user.role_change", targetId: String(user.id) },
    });
    expect(audit).toMatchObject({ actorId: admin.id, metadata: { from: "USER", to: "ADMIN" } });
  });

  test("When the body has unknown fields such as email, then 400 and nothing changes", async () => {
    const user = await apiUser("strict");
    const response = await http("PUT", `/api/v1/users/${user.id}`, {
      token: user.accessToken,
      body: { name: "X", email: "evil@example.com" },
    });
    expect(response.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });
});

describe("DELETE /api/v1/users/:id", () => {
  test("When users delete themselves, then their posts and login go with them", async () => {
    const user = await apiUser("leaver");
    const post = await postRow(user.id);
    const response = await http("DELETE", `/api/v1/users/${user.id}`, { token: user.accessToken });
    expect(response.status).toBe(204);
    expect(await prisma.post.findUnique({ where: { id: post.id } })).toBeNull();
    const login = await http("POST", "/api/v1/auth/login", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(login.status).toBe(401);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "user.delete", targetId: String(user.id) },
    });
    expect(audit?.metadata).toMatchObject({ email: user.email, self: true });
  });
});
