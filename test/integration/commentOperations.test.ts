import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { commentRow, postRow, signedUpUser, webAdmin } from "../factories";
import { operation } from "../http";

// The post page's comment, comment-report and favourite operations over HTTP, the way the browser calls them:
// they go through the same services as /api/v1, so sign-in, ownership, visibility and
// validation hold for the web door too.

type ErrorBody = {
  message?: string;
  data?: { fieldErrors?: { field: string; message: string }[] };
};
const errorOf = (response: { body: unknown }) => response.body as ErrorBody;

async function scene() {
  const author = await signedUpUser("author");
  const reader = await signedUpUser("reader");
  const post = await postRow(author.id, { title: "Talked about" });
  return { author, reader, post };
}

describe("comment operations", () => {
  test("When a reader comments, then the comment is listed oldest first, paged by cursor", async () => {
    const { author, reader, post } = await scene();
    const first = await operation(
      "create-comment",
      { postId: post.id, body: "  First!  " },
      reader.sessionId,
    );
    expect(first).toMatchObject({
      status: 200,
      data: { body: "First!", postId: post.id, author: { id: reader.id } },
    });
    await operation("create-comment", { postId: post.id, body: "Second" }, author.sessionId);
    await operation("create-comment", { postId: post.id, body: "Third" }, reader.sessionId);

    const page1 = await operation("get-comments", { postId: post.id, limit: 2 });
    expect(page1.status).toBe(200);
    expect(page1.data.items.map((c: { body: string }) => c.body)).toEqual(["First!", "Second"]);
    expect(page1.data.nextCursor).toEqual(expect.any(String));
    const page2 = await operation("get-comments", {
      postId: post.id,
      limit: 2,
      cursor: page1.data.nextCursor,
    });
    expect(page2.data).toMatchObject({ items: [{ body: "Third" }], nextCursor: null });
  });

  test("When someone signed out comments, deletes or reports, then 401 and nothing changes", async () => {
    const { reader, post } = await scene();
    const comment = await commentRow(post.id, reader.id);
    const create = await operation("create-comment", { postId: post.id, body: "Hi" });
    expect(create.status).toBe(401);
    expect((await operation("delete-comment", { id: comment.id })).status).toBe(401);
    const report = await operation("create-report", { commentId: comment.id, reason: "Rude" });
    expect(report.status).toBe(401);
    expect(await prisma.comment.count({ where: { postId: post.id } })).toBe(1);
    expect(await prisma.report.count({ where: { commentId: comment.id } })).toBe(0);
  });

  test("When a comment has no body, then it is refused with the body's message", async () => {
    const { reader, post } = await scene();
    const blank = await operation(
      "create-comment",
      { postId: post.id, body: "   " },
      reader.sessionId,
    );
    expect([400, 422]).toContain(blank.status);
    expect(errorOf(blank).data?.fieldErrors).toEqual([
      { field: "body", message: "A comment needs a body" },
    ]);
    const badPost = await operation(
      "create-comment",
      { postId: "x", body: "Hi" },
      reader.sessionId,
    );
    expect([400, 422]).toContain(badPost.status);
    expect(errorOf(badPost).data?.fieldErrors?.[0]).toMatchObject({ field: "postId" });
    expect(await prisma.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  test("When the post is hidden or unknown, then comments on it are 404 for others", async () => {
    const { author, reader } = await scene();
    const hidden = await postRow(author.id, { hidden: true });
    expect((await operation("get-comments", { postId: hidden.id })).status).toBe(404);
    const onHidden = await operation(
      "create-comment",
      { postId: hidden.id, body: "Hi" },
      reader.sessionId,
    );
    expect(onHidden.status).toBe(404);
    expect((await operation("get-comments", { postId: 2_000_000_000 })).status).toBe(404);
    // Its author still sees the (empty) thread of the hidden post.
    const own = await operation("get-comments", { postId: hidden.id }, author.sessionId);
    expect(own).toMatchObject({ status: 200, data: { items: [] } });
  });

  test("When a reader deletes someone else's comment, then 403; its author deletes it", async () => {
    const { author, reader, post } = await scene();
    const comment = await commentRow(post.id, author.id);
    const refused = await operation("delete-comment", { id: comment.id }, reader.sessionId);
    expect(refused.status).toBe(403);
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(1);
    const deleted = await operation("delete-comment", { id: comment.id }, author.sessionId);
    expect(deleted.status).toBe(200);
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(0);
    const again = await operation("delete-comment", { id: comment.id }, author.sessionId);
    expect(again.status).toBe(404);
  });

  test("When an admin deletes someone's comment, then it is gone", async () => {
    const { reader, post } = await scene();
    const admin = await webAdmin();
    const comment = await commentRow(post.id, reader.id);
    expect((await operation("delete-comment", { id: comment.id }, admin.sessionId)).status).toBe(
      200,
    );
    expect(await prisma.comment.count({ where: { id: comment.id } })).toBe(0);
  });

  test("When a comment is hidden, then others do not see it and cannot report it (404)", async () => {
    const { author, reader, post } = await scene();
    const hidden = await commentRow(post.id, author.id, { hidden: true });
    const seen = await operation("get-comments", { postId: post.id }, reader.sessionId);
    expect(seen.data.items).toEqual([]);
    const report = await operation(
      "create-report",
      { commentId: hidden.id, reason: "Rude" },
      reader.sessionId,
    );
    expect(report.status).toBe(404);
    const own = await operation("get-comments", { postId: post.id }, author.sessionId);
    expect(own.data.items).toMatchObject([{ id: hidden.id }]);
  });

  test("When a reader reports a comment, then it is queued once; a second report updates it", async () => {
    const { author, reader, post } = await scene();
    const comment = await commentRow(post.id, author.id);
    const filed = await operation(
      "create-report",
      { commentId: comment.id, reason: "Rude" },
      reader.sessionId,
    );
    expect(filed).toMatchObject({ status: 200, data: { repeated: false } });
    const again = await operation(
      "create-report",
      { commentId: comment.id, reason: "Very rude" },
      reader.sessionId,
    );
    expect(again).toMatchObject({ status: 200, data: { repeated: true } });
    const rows = await prisma.report.findMany({ where: { commentId: comment.id } });
    expect(rows).toMatchObject([{ reporterId: reader.id, reason: "Very rude" }]);

    const blank = await operation(
      "create-report",
      { commentId: comment.id, reason: " " },
      reader.sessionId,
    );
    expect([400, 422]).toContain(blank.status);
    expect(errorOf(blank).data?.fieldErrors).toEqual([
      { field: "reason", message: "A reason is required" },
    ]);
    // One report names one thing: a post or a comment, not both.
    const both = await operation(
      "create-report",
      { postId: post.id, commentId: comment.id, reason: "Spam" },
      reader.sessionId,
    );
    expect([400, 422]).toContain(both.status);
  });
});

describe("favourite operations", () => {
  test("When a reader favourites twice and unfavourites, then the count moves once each way", async () => {
    const { reader, post } = await scene();
    const on = await operation("favorite-post", { id: post.id }, reader.sessionId);
    expect(on).toMatchObject({
      status: 200,
      data: { id: post.id, favorited: true, favoritesCount: 1 },
    });
    const twice = await operation("favorite-post", { id: post.id }, reader.sessionId);
    expect(twice.data).toMatchObject({ favorited: true, favoritesCount: 1 });
    const seen = await operation("get-post", { id: post.id }, reader.sessionId);
    expect(seen.data).toMatchObject({ favorited: true, favoritesCount: 1 });
    const off = await operation("unfavorite-post", { id: post.id }, reader.sessionId);
    expect(off.data).toMatchObject({ favorited: false, favoritesCount: 0 });
  });

  test("When someone signed out favourites, then 401; a hidden or unknown post is 404", async () => {
    const { author, reader, post } = await scene();
    expect((await operation("favorite-post", { id: post.id })).status).toBe(401);
    expect((await operation("unfavorite-post", { id: post.id })).status).toBe(401);
    const hidden = await postRow(author.id, { hidden: true });
    expect((await operation("favorite-post", { id: hidden.id }, reader.sessionId)).status).toBe(
      404,
    );
    const unknown = await operation("favorite-post", { id: 2_000_000_000 }, reader.sessionId);
    expect(unknown.status).toBe(404);
    const bad = await operation("favorite-post", { id: "abc" }, reader.sessionId);
    expect([400, 422]).toContain(bad.status);
    expect(errorOf(bad).data?.fieldErrors?.[0]).toMatchObject({ field: "id" });
    expect(await prisma.favorite.count({ where: { postId: { in: [post.id, hidden.id] } } })).toBe(
      0,
    );
  });
});
