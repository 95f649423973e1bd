import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser, postRow } from "../../factories";
import { http } from "../../http";

describe("GET /api/v1/posts", () => {
  test("When pages are read while other posts are inserted, then no post repeats and none is skipped", async () => {
    const author = await apiUser("pager");
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await postRow(author.id, { title: `page-${i}` }));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?authorId=${author.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await http("GET", `/api/v1/posts${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: { id: number }) => p.id));
      cursor = page.body.nextCursor;
      // A concurrent writer: new posts land at the head of the feed, before page 1.
      await postRow(author.id, { title: "inserted meanwhile" });
    } while (cursor);
    expect(seen).toEqual(made.map((p) => p.id).reverse());
  });

  test("When the public feed is read, then hidden posts are left out and dates are ISO strings", async () => {
    const author = await apiUser("feed");
    const visible = await postRow(author.id);
    await postRow(author.id, { hidden: true });
    const feed = await http("GET", `/api/v1/posts?authorId=${author.id}`);
    expect(feed.body.items.map((p: { id: number }) => p.id)).toEqual([visible.id]);
    expect(feed.body.items[0].createdAt).toBe(visible.createdAt.toISOString());
  });

  test("When the query is invalid or has unknown keys, then 400 names the parameter", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "authorId=-1",
      "cursor=%%%",
      "sort=asc",
    ]) {
      const response = await http("GET", `/api/v1/posts?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors.length, query).toBeGreaterThan(0);
    }
  });
});

describe("POST /api/v1/posts", () => {
  test("When a signed-in user posts, then 201 with Location and the post in the feed", async () => {
    const author = await apiUser("poster");
    const created = await http("POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title: " Hello API ", content: "Body" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Hello API", author: { id: author.id } });
    expect(created.headers.get("location")).toBe(`/api/v1/posts/${created.body.id}`);
    const feed = await http("GET", `/api/v1/posts?authorId=${author.id}`);
    expect(feed.body.items[0].id).toBe(created.body.id);
  });

  test("When injection-looking text is valid content, then it is stored and returned literally", async () => {
    const author = await apiUser("literal");
    const title = `'); DROP TABLE "Post"; -- <script>alert(1)</script>`;
    const content = `{"$gt": ""} \u202e ${"😀".repeat(3)}`;
    const created = await http("POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title, content },
    });
    expect(created.status).toBe(201);
    const read = await http("GET", `/api/v1/posts/${created.body.id}`);
    expect(read.body).toMatchObject({ title, content });
  });
});

describe("GET /api/v1/posts/:id", () => {
  test("When a post is hidden, then only its author and admins can read it; others get 404", async () => {
    const author = await apiUser("hidden-author");
    const stranger = await apiUser("stranger");
    const admin = await apiUser("hidden-admin", { role: "ADMIN" });
    const post = await postRow(author.id, { hidden: true });
    const read = (token?: string) => http("GET", `/api/v1/posts/${post.id}`, { token });
    expect((await read()).status).toBe(404);
    expect((await read(stranger.accessToken)).status).toBe(404);
    expect((await read(author.accessToken)).body).toMatchObject({
      id: post.id,
      hiddenReason: "spam",
    });
    expect((await read(admin.accessToken)).status).toBe(200);
  });

  test("When the id is not a positive integer, then 400; when it does not exist, then 404", async () => {
    expect((await http("GET", "/api/v1/posts/abc")).status).toBe(400);
    expect((await http("GET", "/api/v1/posts/0")).status).toBe(400);
    expect((await http("GET", "/api/v1/posts/99999999999")).status).toBe(400);
    expect((await http("GET", "/api/v1/posts/2147483647")).status).toBe(404);
  });
});

describe("PUT and DELETE /api/v1/posts/:id", () => {
  test("When the author edits a post, then only the given fields change", async () => {
    const author = await apiUser("editor");
    const post = await postRow(author.id, { title: "Before" });
    const updated = await http("PUT", `/api/v1/posts/${post.id}`, {
      token: author.accessToken,
      body: { title: "After" },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: "After", content: post.content });
  });

  test("When an admin deletes someone's post, then 204, it is gone and the deletion is audited", async () => {
    const author = await apiUser("victim");
    const admin = await apiUser("deleter", { role: "ADMIN" });
    const post = await postRow(author.id);
    const response = await http("DELETE", `/api/v1/posts/${post.id}`, { token: admin.accessToken });
    expect(response.status).toBe(204);
    expect(await prisma.post.findUnique({ where: { id: post.id } })).toBeNull();
    const audit = await prisma.auditLog.findFirst({
      where: { action: "post.delete_by_admin", targetId: String(post.id) },
    });
    expect(audit?.actorId).toBe(admin.id);
  });
});

describe("POST /api/v1/posts with Idempotency-Key", () => {
  const create = (token: string, key: string, title = "Once") =>
    http("POST", "/api/v1/posts", {
      token,
      headers: { "idempotency-key": key },
      body: { title, content: "c" },
    });

  test("When a client retries with the same key, then the first response comes back and only one post exists", async () => {
    const author = await apiUser("idem");
    const key = `key-${author.id}`;
    const first = await create(author.accessToken, key);
    const retry = await create(author.accessToken, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.post.count({ where: { authorId: author.id } })).toBe(1);
  });

  test("When ten retries race with one key, then exactly one post is created and all get its id", async () => {
    const author = await apiUser("idem-race");
    const results = await Promise.all(
      Array.from({ length: 10 }, () => create(author.accessToken, "race-key")),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await prisma.post.count({ where: { authorId: author.id } })).toBe(1);
  });

  test("When the same key comes with another body, then 422 and nothing is created", async () => {
    const author = await apiUser("idem-mismatch");
    await create(author.accessToken, "k1", "First");
    const other = await create(author.accessToken, "k1", "Different");
    expect(other.status).toBe(422);
    expect(await prisma.post.count({ where: { authorId: author.id } })).toBe(1);
  });

  test("When two users use the same key, then each gets their own post", async () => {
    const [a, b] = await Promise.all([apiUser("idem-a"), apiUser("idem-b")]);
    const [ra, rb] = await Promise.all([
      create(a.accessToken, "shared"),
      create(b.accessToken, "shared"),
    ]);
    expect(ra.body.id).not.toBe(rb.body.id);
  });

  test("When the key is not visible ASCII or too long, then 400", async () => {
    const author = await apiUser("idem-bad");
    expect((await create(author.accessToken, "x".repeat(201))).status).toBe(400);
    expect((await create(author.accessToken, "has space")).status).toBe(400);
  });
});
