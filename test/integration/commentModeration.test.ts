import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { listComments } from "../../src/comments/comments.service";
import { hideComment, restoreComment } from "../../src/moderation/commentModeration.service";
import { banUser, unbanUser } from "../../src/moderation/moderation.service";
import { rowsFor } from "../audit";
import { asViewer, commentRow, postRow, signedUpUser, userRow } from "../factories";
import { operation } from "../http";

// Comments are moderated like posts (issue 14): admins hide and restore them, and a ban
// hides a user's comments as it hides their posts.

const deps = { db: prisma };
const admin = async () => asViewer(await userRow({ role: "ADMIN", name: "Admin" }));
const audited = (action: string, commentId: number) =>
  rowsFor({ action, targetId: String(commentId) });

/** A post by one user with a comment by another. */
async function thread(body?: string) {
  const postAuthor = await userRow({ name: "Poster" });
  const commenter = await userRow({ name: "Commenter" });
  const post = await postRow(postAuthor.id, { title: "Thread post" });
  const comment = await commentRow(post.id, commenter.id, { body });
  return { post, comment, commenter: asViewer(commenter) };
}

const idsSeenBy = async (viewer: Parameters<typeof listComments>[0], postId: number) =>
  (await listComments(viewer, postId, { limit: 100 }, deps)).items.map((c) => c.id);

describe("hiding and restoring comments", () => {
  test("When an admin hides a comment, then only its author and admins see it, and hide and restore are audited", async () => {
    const moderator = await admin();
    const { post, comment, commenter } = await thread();
    const reader = asViewer(await userRow());

    const result = await hideComment(moderator, { commentId: comment.id, reason: "Rude" }, deps);
    expect(result).toEqual({ reportsResolved: 0 });
    expect(await idsSeenBy(reader, post.id)).not.toContain(comment.id);
    expect(await idsSeenBy(null, post.id)).not.toContain(comment.id);
    expect(await idsSeenBy(commenter, post.id)).toContain(comment.id);
    expect(await idsSeenBy(moderator, post.id)).toContain(comment.id);
    const [hidden] = (await listComments(moderator, post.id, { limit: 100 }, deps)).items;
    expect(hidden).toMatchObject({ id: comment.id, hiddenReason: "Rude" });
    expect(hidden!.hiddenAt).toBeInstanceOf(Date);
    const [hide, ...moreHides] = await audited("comment.hide", comment.id);
    expect(moreHides).toHaveLength(0);
    expect(hide).toMatchObject({ actorId: moderator.id, targetType: "comment" });
    expect(hide!.metadata).toMatchObject({
      reason: "Rude",
      postId: post.id,
      authorId: commenter.id,
      reportsResolved: 0,
    });

    await restoreComment(moderator, { commentId: comment.id }, deps);
    expect(await idsSeenBy(reader, post.id)).toContain(comment.id);
    const [restore] = await audited("comment.restore", comment.id);
    expect(restore).toMatchObject({ actorId: moderator.id, metadata: { hiddenReason: "Rude" } });
  });

  test("When a comment is hidden twice, restored while visible, or unknown, then 409, 409 and 404 with no audit row", async () => {
    const moderator = await admin();
    const { comment } = await thread();
    await hideComment(moderator, { commentId: comment.id, reason: "spam" }, deps);
    const again = await hideComment(moderator, { commentId: comment.id, reason: "x" }, deps).catch(
      (e) => e,
    );
    expect(again).toMatchObject({ code: "CONFLICT", message: "This comment is already hidden" });
    await restoreComment(moderator, { commentId: comment.id }, deps);
    const visible = await restoreComment(moderator, { commentId: comment.id }, deps).catch(
      (e) => e,
    );
    expect(visible).toMatchObject({ code: "CONFLICT", message: "This comment is not hidden" });

    const unknown = 2_000_000_000;
    const attempts = await Promise.allSettled([
      hideComment(moderator, { commentId: unknown, reason: "x" }, deps),
      restoreComment(moderator, { commentId: unknown }, deps),
    ]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "rejected", reason: { code: "NOT_FOUND" } });
    }
    expect(await audited("comment.hide", comment.id)).toHaveLength(1);
    expect(await audited("comment.restore", comment.id)).toHaveLength(1);
    expect(await audited("comment.hide", unknown)).toHaveLength(0);
  });

  test("When a non-admin hides or restores a comment, then 403 and the comment is unchanged", async () => {
    const { comment, commenter } = await thread();
    const hidden = await commentRow(comment.postId, commenter.id, { hidden: true });
    const user = asViewer(await userRow());
    const attempts = await Promise.allSettled([
      hideComment(user, { commentId: comment.id, reason: "x" }, deps),
      hideComment(commenter, { commentId: comment.id, reason: "x" }, deps),
      restoreComment(user, { commentId: hidden.id }, deps),
      restoreComment(commenter, { commentId: hidden.id }, deps),
    ]);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: "rejected", reason: { code: "FORBIDDEN" } });
    }
    const rows = await prisma.comment.findMany({
      where: { id: { in: [comment.id, hidden.id] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => row.hiddenAt === null)).toEqual([true, false]);
    expect(await audited("comment.hide", comment.id)).toHaveLength(0);
  });

  test("When a signed-in non-admin calls hideComment over HTTP, then 403; an admin's call hides it", async () => {
    const { comment } = await thread();
    const user = await signedUpUser("nosy");
    const refused = await operation(
      "hide-comment",
      { commentId: comment.id, reason: "x" },
      user.sessionId,
    );
    expect(refused.status).toBe(403);

    const moderator = await signedUpUser("moderator");
    await prisma.user.update({ where: { id: moderator.id }, data: { role: "ADMIN" } });
    const hidden = await operation(
      "hide-comment",
      { commentId: comment.id, reason: "Spam" },
      moderator.sessionId,
    );
    expect(hidden).toMatchObject({ status: 200, data: { reportsResolved: 0 } });
    const restored = await operation(
      "restore-comment",
      { commentId: comment.id },
      moderator.sessionId,
    );
    expect(restored.status).toBe(200);
    expect(await prisma.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      hiddenAt: null,
    });
  });
});

describe("bans and comments", () => {
  test("When a user is banned, then their comments disappear for others and come back after the unban", async () => {
    const moderator = await admin();
    const { post, comment, commenter } = await thread();
    const reader = asViewer(await userRow());
    expect(await idsSeenBy(reader, post.id)).toContain(comment.id);

    await banUser(moderator, { userId: commenter.id, reason: "abuse" }, deps);
    expect(await idsSeenBy(reader, post.id)).not.toContain(comment.id);
    expect(await idsSeenBy(null, post.id)).not.toContain(comment.id);
    expect(await idsSeenBy(moderator, post.id)).toContain(comment.id);

    await unbanUser(moderator, { userId: commenter.id }, deps);
    expect(await idsSeenBy(reader, post.id)).toContain(comment.id);
  });
});

describe("concurrent moderation of one comment", () => {
  test("When two admins hide one comment at once, then one succeeds, the other gets 409 and one audit row is written", async () => {
    const moderators = await Promise.all(
      ["first", "second"].map(async (label) => {
        const user = await signedUpUser(label);
        await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
        return user;
      }),
    );
    // A few rounds: a race lost once may be won the next time.
    for (let round = 0; round < 5; round++) {
      const { comment } = await thread();
      const responses = await Promise.all(
        moderators.map((moderator) =>
          operation(
            "hide-comment",
            { commentId: comment.id, reason: `by ${moderator.id}` },
            moderator.sessionId,
          ),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const [entry, ...more] = await audited("comment.hide", comment.id);
      expect(more).toHaveLength(0);
      const winner = moderators[responses.findIndex((response) => response.status === 200)]!;
      expect(entry).toMatchObject({ actorId: winner.id });
      const row = await prisma.comment.findUniqueOrThrow({ where: { id: comment.id } });
      expect(row.hiddenReason).toBe(`by ${winner.id}`);
    }
  });
});
