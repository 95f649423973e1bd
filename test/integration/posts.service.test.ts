import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { AppError, classify } from "../../src/shared/errors";
import { createPost, listFeed } from "../../src/posts/posts.service";
import { pgPool } from "../../src/server/prisma";
import { poolSql } from "../../src/shared/sql";
import { asViewer, userRow } from "../factories";

const deps = { db: prisma };

describe("posts service (real PostgreSQL)", () => {
  test("When a user creates a post, then it is stored trimmed and owned by them", async () => {
    const author = await userRow({ name: "Ada" });
    const post = await createPost(
      asViewer(author),
      { title: "  Hello  ", content: " World " },
      deps,
    );
    expect(post).toMatchObject({
      title: "Hello",
      content: "World",
      author: { id: author.id, name: "Ada" },
    });
    const row = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(row.authorId).toBe(author.id);
  });

  test("When the title is blank or too long, then a validation error names the field and nothing is stored", async () => {
    const author = await userRow();
    const blank = await createPost(asViewer(author), { title: "   ", content: "x" }, deps).catch(
      (e) => e,
    );
    expect(blank).toBeInstanceOf(AppError);
    expect(blank.code).toBe("VALIDATION_FAILED");
    expect(blank.fieldErrors).toEqual([{ field: "title", message: "Title is required" }]);
    const long = await createPost(
      asViewer(author),
      { title: "x".repeat(201), content: "x" },
      deps,
    ).catch((e) => e);
    expect(long.fieldErrors[0].field).toBe("title");
    expect(await prisma.post.count({ where: { authorId: author.id } })).toBe(0);
  });

  test("When a banned user posts, then it is refused and nothing is stored", async () => {
    const banned = await userRow({ bannedAt: new Date() });
    const error = await createPost(asViewer(banned), { title: "t", content: "c" }, deps).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.post.count({ where: { authorId: banned.id } })).toBe(0);
  });

  test("When the author feed is paged while new posts arrive, then no post repeats or goes missing", async () => {
    const author = await userRow();
    for (let i = 0; i < 5; i++) {
      await createPost(asViewer(author), { title: `p${i}`, content: "c" }, deps);
    }
    const page1 = await listFeed(null, { authorId: author.id, limit: 2 }, deps);
    expect(page1.items.map((p) => p.title)).toEqual(["p4", "p3"]);
    // Inserted between pages: it belongs before page 1 and must not shift later pages.
    await createPost(asViewer(author), { title: "late", content: "c" }, deps);
    const page2 = await listFeed(
      null,
      { authorId: author.id, limit: 2, cursor: page1.nextCursor! },
      deps,
    );
    const page3 = await listFeed(
      null,
      { authorId: author.id, limit: 2, cursor: page2.nextCursor! },
      deps,
    );
    expect([...page2.items, ...page3.items].map((p) => p.title)).toEqual(["p2", "p1", "p0"]);
    expect(page3.nextCursor).toBeNull();
  });

  test("When a post is hidden by moderation, then others' feeds leave it out but its author still sees it", async () => {
    const author = await userRow();
    const visible = await createPost(asViewer(author), { title: "visible", content: "c" }, deps);
    const hidden = await createPost(asViewer(author), { title: "hidden", content: "c" }, deps);
    await prisma.post.update({
      where: { id: hidden.id },
      data: { hiddenAt: new Date(), hiddenReason: "spam" },
    });
    const publicFeed = await listFeed(null, { authorId: author.id }, deps);
    expect(publicFeed.items.map((p) => p.id)).toEqual([visible.id]);
    const ownFeed = await listFeed(asViewer(author), { authorId: author.id }, deps);
    expect(ownFeed.items.map((p) => p.id)).toEqual([hidden.id, visible.id]);
    expect(ownFeed.items[0]).toMatchObject({ hiddenReason: "spam" });
  });

  test("When the cursor is forged, then a validation error is returned", async () => {
    const error = await listFeed(null, { cursor: "not-a-cursor" }, deps).catch((e) => e);
    expect(error).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

// The create runs its statement on the shared pool when the transport hands it in, else through
// Prisma (service callers without it, and inside a transaction): both must store the same post.
describe.each([
  ["through Prisma", { db: prisma }],
  ["on the pool", { db: prisma, sql: poolSql(pgPool()) }],
])("creating a post %s", (_, runnerDeps) => {
  test("When a post is created, then the answer is the stored post: its slug row, its times and its author", async () => {
    const author = await userRow({ name: "Grace" });
    const before = Date.now();
    const post = await createPost(
      asViewer(author),
      { title: "Stored as answered", content: "Body" },
      runnerDeps,
    );
    const row = await prisma.post.findUniqueOrThrow({
      where: { id: post.id },
      include: { slugs: true },
    });
    expect(post).toMatchObject({
      slug: row.slug,
      description: "",
      createdAt: row.createdAt,
      updatedAt: row.createdAt,
      hiddenAt: null,
      favoritesCount: 0,
      favorited: false,
      tags: [],
      author: { id: author.id, name: "Grace", username: author.username, following: false },
    });
    expect(row.slugs.map(({ slug }) => slug)).toEqual([row.slug]);
    // Stored in UTC as Prisma writes times: read back, it is the moment it was created.
    expect(Math.abs(post.createdAt.getTime() - before)).toBeLessThan(5000);
  });

  test("When the author's account is deleted just before the insert, then not found, not a server error, and nothing is stored", async () => {
    const author = await userRow();
    await prisma.user.delete({ where: { id: author.id } });
    const error = await createPost(
      asViewer(author),
      { title: "Orphan", content: "x" },
      runnerDeps,
    ).catch((e: unknown) => e);
    expect(classify(error).code).toBe("NOT_FOUND");
    expect(await prisma.post.count({ where: { title: "Orphan", authorId: author.id } })).toBe(0);
  });
});
