import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { apiPost, apiUser, ban, postRow, webAdmin } from "../../factories";
import { http } from "../../http";

// Slugs through /api/v1: unique under concurrent creates, kept after renames, and read by
// GET /posts/by-slug/:slug (before /posts/:id/… in the route order).

describe("slugs and GET /api/v1/posts/by-slug/:slug", () => {
  test("When ten posts with one title are created at once, then each gets its own slug, and each slug finds its post", async () => {
    const author = await apiUser("slugger");
    const title = `Same Title ${randomUUID().slice(0, 8)}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        http("POST", "/api/v1/posts", { token: author.accessToken, body: { title, content: "c" } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const slugs = responses.map((r) => r.body.slug as string);
    expect(new Set(slugs).size).toBe(10);
    const base = title.toLowerCase().replace(/\s+/g, "-");
    expect(slugs).toContain(base);
    for (const slug of slugs) expect(slug.startsWith(base)).toBe(true);
    for (const response of responses) {
      const found = await http("GET", `/api/v1/posts/by-slug/${response.body.slug}`);
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(response.body.id);
    }
  });

  test("When a post is renamed, then its old slug still finds it and no later post can take that slug", async () => {
    const author = await apiUser("renamer");
    const suffix = randomUUID().slice(0, 8);
    const post = await apiPost(author, { title: `First ${suffix}`, content: "c" });
    expect(post.slug).toBe(`first-${suffix}`);
    const renamed = await http("PUT", `/api/v1/posts/${post.id}`, {
      token: author.accessToken,
      body: { title: `Second ${suffix}` },
    });
    expect(renamed.body.slug).toBe(`second-${suffix}`);
    for (const slug of [`first-${suffix}`, `second-${suffix}`]) {
      const found = await http("GET", `/api/v1/posts/by-slug/${slug}`);
      expect(found.status, slug).toBe(200);
      expect(found.body).toMatchObject({ id: post.id, slug: `second-${suffix}` });
    }
    const later = await apiPost(author, { title: `First ${suffix}`, content: "c" });
    expect(later.slug).not.toBe(`first-${suffix}`);
    expect((await http("GET", `/api/v1/posts/by-slug/first-${suffix}`)).body.id).toBe(post.id);
  });

  test("When a post is titled like a route segment, then by-slug finds it rather than reading 'by-slug' as an id", async () => {
    const author = await apiUser("route-order");
    const post = await apiPost(author, { title: "Comments", content: "c" });
    const found = await http("GET", `/api/v1/posts/by-slug/${post.slug}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(post.id);
    // Whichever post holds the slug "comments" (the first one ever titled so), by-slug reads it.
    const plain = await http("GET", "/api/v1/posts/by-slug/comments");
    expect(plain.status).toBe(200);
    expect((await http("GET", "/api/v1/posts/by-slug")).status).toBe(400);
  });

  test("When the slug is unknown, hidden or the author is banned, then 404 for others; the author still reads a hidden one", async () => {
    const admin = await webAdmin("slug-admin");
    const author = await apiUser("slug-hidden");
    const hidden = await postRow(author.id, { hidden: true });
    expect((await http("GET", "/api/v1/posts/by-slug/no-such-slug-ever")).status).toBe(404);
    expect((await http("GET", `/api/v1/posts/by-slug/${hidden.slug}`)).status).toBe(404);
    const own = await http("GET", `/api/v1/posts/by-slug/${hidden.slug}`, {
      token: author.accessToken,
    });
    expect(own.status).toBe(200);
    const visible = await apiPost(author, { title: "Until the ban", content: "c" });
    await ban(admin, author.id);
    expect((await http("GET", `/api/v1/posts/by-slug/${visible.slug}`)).status).toBe(404);
    expect((await http("GET", `/api/v1/posts/by-slug/${"x".repeat(201)}`)).status).toBe(400);
  });

  test("When a post is read by slug with its ETag, then 304", async () => {
    const author = await apiUser("slug-etag");
    const post = await apiPost(author, { title: "Conditional", content: "c" });
    const first = await http("GET", `/api/v1/posts/by-slug/${post.slug}`);
    const again = await http("GET", `/api/v1/posts/by-slug/${post.slug}`, {
      headers: { "if-none-match": first.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });
});
