import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import {
  apiAdmin,
  apiUser,
  ban,
  hideComment,
  postRow,
  restoreComment,
  unban,
  webAdmin,
  type ApiUser,
} from "../../factories";
import { http } from "../../http";

// Comments through /api/v1: who may read, write and delete them, and what moderation hides.

const comment = (user: ApiUser | null, postId: number | string, body: unknown) =>
  http("POST", `/api/v1/posts/${postId}/comments`, { token: user?.accessToken, body });
const comments = (postId: number | string, user?: ApiUser, query = "") =>
  http("GET", `/api/v1/posts/${postId}/comments${query}`, { token: user?.accessToken });
const remove = (user: ApiUser | null, commentId: number | string) =>
  http("DELETE", `/api/v1/comments/${commentId}`, { token: user?.accessToken });
const bodies = (page: { body: { items: { body: string }[] } }) =>
  page.body.items.map((c) => c.body);

describe("POST /api/v1/posts/:id/comments", () => {
  test("When a reader comments, then 201 with the comment, its author's public fields, and it is listed", async () => {
    const author = await apiUser("c-author");
    const reader = await apiUser("c-reader");
    const post = await postRow(author.id);
    const created = await comment(reader, post.id, { body: "  Nice post  " });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      body: "Nice post",
      postId: post.id,
      hiddenAt: null,
      author: { id: reader.id, username: reader.username, following: false },
    });
    expect(created.body.author.email).toBeUndefined();
    expect(bodies(await comments(post.id))).toEqual(["Nice post"]);
  });

  test("When the caller is anonymous, the body is bad or the post unknown or hidden, then 401, 400 or 404 and nothing is stored", async () => {
    const author = await apiUser("c-refused");
    const reader = await apiUser("c-refused-reader");
    const post = await postRow(author.id);
    const hidden = await postRow(author.id, { hidden: true });
    expect((await comment(null, post.id, { body: "anon" })).status).toBe(401);
    for (const body of [{}, { body: "   " }, { body: "x".repeat(5001) }, { body: "a", extra: 1 }]) {
      const response = await comment(reader, post.id, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    expect((await comment(reader, "abc", { body: "x" })).status).toBe(400);
    expect((await comment(reader, 2147483647, { body: "x" })).status).toBe(404);
    expect((await comment(reader, hidden.id, { body: "x" })).status).toBe(404);
    expect(await prisma.comment.count({ where: { authorId: reader.id } })).toBe(0);
  });
});

describe("GET /api/v1/posts/:id/comments", () => {
  // The list is one statement of our own (src/comments/commentsSql.ts): what it answers must be
  // what the comment was stored and created with, field for field.
  test("When comments are listed, then each reads exactly as it was created, its times the stored instants", async () => {
    const author = await apiUser("c-exact-author");
    const reader = await apiUser("c-exact-reader");
    const post = await postRow(author.id);
    await http("POST", `/api/v1/profiles/${author.username}/follow`, { token: reader.accessToken });
    const created = await comment(author, post.id, { body: "Exactly this" });
    const stored = await prisma.comment.findUniqueOrThrow({ where: { id: created.body.id } });
    const listed = await comments(post.id, reader);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      { ...created.body, author: { ...created.body.author, following: true } },
    ]);
    expect(listed.body.items[0].createdAt).toBe(stored.createdAt.toISOString());
    expect(listed.body.items[0].updatedAt).toBe(stored.updatedAt.toISOString());
  });

  test("When a post has comments, then they come oldest first, paged by cursor without gaps, even while more arrive", async () => {
    const author = await apiUser("c-pager");
    const post = await postRow(author.id);
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      written.push(`comment ${i}`);
      await comment(author, post.id, { body: `comment ${i}` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof comments>> = await comments(
        post.id,
        undefined,
        `?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...bodies(page));
      cursor = page.body.nextCursor;
      // Appended meanwhile: a later page shows it, no page repeats one.
      if (seen.length === 2) {
        written.push("late");
        await comment(author, post.id, { body: "late" });
      }
    } while (cursor);
    expect(seen).toEqual(written);
  });

  test("When the post is unknown or hidden, then 404 for others; bad input is 400", async () => {
    const author = await apiUser("c-hidden");
    const stranger = await apiUser("c-stranger");
    const hidden = await postRow(author.id, { hidden: true });
    expect((await comments(2147483647)).status).toBe(404);
    expect((await comments(hidden.id)).status).toBe(404);
    expect((await comments(hidden.id, stranger)).status).toBe(404);
    expect((await comments(hidden.id, author)).status).toBe(200);
    expect((await comments("abc")).status).toBe(400);
    expect((await comments(hidden.id, author, "?limit=0")).status).toBe(400);
    expect((await comments(hidden.id, author, "?sort=new")).status).toBe(400);
  });

  test("When a comment is hidden by moderation, then only its author and admins still see it, until it is restored", async () => {
    const moderator = await webAdmin("c-mod-moderator");
    const author = await apiUser("c-mod-author");
    const commenter = await apiUser("c-mod-commenter");
    const admin = await apiAdmin("c-mod-admin");
    const post = await postRow(author.id);
    const created = await comment(commenter, post.id, { body: "rude" });
    await comment(author, post.id, { body: "fine" });
    await hideComment(moderator, created.body.id);
    expect(bodies(await comments(post.id))).toEqual(["fine"]);
    expect(bodies(await comments(post.id, author))).toEqual(["fine"]);
    expect(bodies(await comments(post.id, commenter))).toEqual(["rude", "fine"]);
    const asAdmin = await comments(post.id, admin);
    expect(bodies(asAdmin)).toEqual(["rude", "fine"]);
    expect(asAdmin.body.items[0].hiddenReason).toBe("test hide");
    // Nor can anyone but them delete (or learn of) it.
    expect((await remove(author, created.body.id)).status).toBe(404);
    await restoreComment(moderator, created.body.id);
    expect(bodies(await comments(post.id))).toEqual(["rude", "fine"]);
  });

  test("When a commenter is banned, then their comments vanish for everyone but admins, and return on unban", async () => {
    const moderator = await webAdmin("c-ban-admin");
    const admin = await apiAdmin("c-ban-api-admin");
    const author = await apiUser("c-ban-author");
    const troll = await apiUser("c-troll");
    const post = await postRow(author.id);
    await comment(troll, post.id, { body: "troll" });
    await comment(author, post.id, { body: "reply" });
    await ban(moderator, troll.id);
    expect(bodies(await comments(post.id))).toEqual(["reply"]);
    expect(bodies(await comments(post.id, author))).toEqual(["reply"]);
    expect(bodies(await comments(post.id, admin))).toEqual(["troll", "reply"]);
    await unban(moderator, troll.id);
    expect(bodies(await comments(post.id))).toEqual(["troll", "reply"]);
  });

  test("When a reader follows a commenter, then that comment's author shows following", async () => {
    const author = await apiUser("c-follow-author");
    const reader = await apiUser("c-follow-reader");
    const post = await postRow(author.id);
    await comment(author, post.id, { body: "by the author" });
    await http("POST", `/api/v1/profiles/${author.username}/follow`, {
      token: reader.accessToken,
    });
    const page = await comments(post.id, reader);
    expect(page.body.items[0].author).toMatchObject({ id: author.id, following: true });
    expect((await comments(post.id)).body.items[0].author.following).toBe(false);
  });

  test("When the comments are read again with their ETag, then 304 until a comment is added", async () => {
    const author = await apiUser("c-etag");
    const post = await postRow(author.id);
    await comment(author, post.id, { body: "first" });
    const first = await comments(post.id);
    const etag = first.headers.get("etag")!;
    const conditional = { headers: { "if-none-match": etag } };
    const read = () => http("GET", `/api/v1/posts/${post.id}/comments`, conditional);
    expect((await read()).status).toBe(304);
    await comment(author, post.id, { body: "second" });
    expect((await read()).status).toBe(200);
  });
});

describe("DELETE /api/v1/comments/:id", () => {
  test("When another user deletes my comment, then 403 and it stays; when I do, then 204 and it is gone", async () => {
    const author = await apiUser("c-del-author");
    const mine = await apiUser("c-del-mine");
    const other = await apiUser("c-del-other");
    const post = await postRow(author.id);
    const created = await comment(mine, post.id, { body: "mine" });
    const id = created.body.id as number;
    expect((await remove(null, id)).status).toBe(401);
    expect((await remove(other, id)).status).toBe(403);
    // Not even the post's author may delete a reader's comment.
    expect((await remove(author, id)).status).toBe(403);
    expect(await prisma.comment.count({ where: { id } })).toBe(1);
    expect((await remove(mine, id)).status).toBe(204);
    expect(await prisma.comment.count({ where: { id } })).toBe(0);
    expect((await remove(mine, id)).status).toBe(404);
    expect(
      await prisma.auditLog.count({
        where: { action: "comment.delete_by_admin", targetId: String(id) },
      }),
    ).toBe(0);
  });

  test("When an admin deletes someone's comment, then 204 and the deletion is audited with its author and post", async () => {
    const author = await apiUser("c-admin-author");
    const admin = await apiAdmin("c-admin");
    const post = await postRow(author.id);
    const created = await comment(author, post.id, { body: "to moderate" });
    const response = await http("DELETE", `/api/v1/comments/${created.body.id}`, {
      token: admin.accessToken,
      headers: { "x-request-id": `c-admin-${created.body.id}` },
    });
    expect(response.status).toBe(204);
    const rows = await prisma.auditLog.findMany({
      where: { action: "comment.delete_by_admin", targetId: String(created.body.id) },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: admin.id,
      targetType: "comment",
      requestId: `c-admin-${created.body.id}`,
      metadata: { authorId: author.id, postId: post.id },
    });
  });

  test("When the id is bad or unknown, then 400 or 404", async () => {
    const user = await apiUser("c-del-bad");
    expect((await remove(user, "abc")).status).toBe(400);
    expect((await remove(user, "0")).status).toBe(400);
    expect((await remove(user, 2147483647)).status).toBe(404);
  });

  test("When a post is deleted, then its comments go with it", async () => {
    const author = await apiUser("c-cascade");
    const post = await postRow(author.id);
    const created = await comment(author, post.id, { body: "orphan?" });
    await http("DELETE", `/api/v1/posts/${post.id}`, { token: author.accessToken });
    expect(await prisma.comment.count({ where: { id: created.body.id } })).toBe(0);
    expect((await remove(author, created.body.id)).status).toBe(404);
  });
});
