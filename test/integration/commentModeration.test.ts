import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { listComments } from "../../src/comments/comments.service";
import { hideComment, restoreComment } from "../../src/moderation/commentModeration.service";
import { banUser, unbanUser } from "../../src/moderation/moderation.service";
import { createReport, dismissReport, listOpenReports } from "../../src/moderation/reports.service";
import { rowsFor } from "../audit";
import { asViewer, commentRow, postRow, signedUpUser, userRow } from "../factories";
import { operation } from "../http";

// Comments are moderated like posts (issue 14): admins hide and restore them, readers report
// them into the same queue, and a ban hides a user's comments as it hides their posts.

const deps = { db: prisma };
const admin = async () => asViewer(await userRow({ role: "ADMIN", name: "Admin" }));
const audited = (action: string, commentId: number) =>
  rowsFor({ action, targetId: String(commentId) });

/** A post by one user with a comment by another: the usual scene of a reported comment. */
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

describe("reports of comments", () => {
  test("When a reader reports a comment twice, then one open report holds the newer reason, the queue shows it and hiding the comment resolves it", async () => {
    const moderator = await admin();
    const { post, comment, commenter } = await thread("You are all   idiots\nhonestly");
    const reporter = asViewer(await userRow({ name: "Reporter" }));

    const first = await createReport(reporter, { commentId: comment.id, reason: "rude" }, deps);
    expect(first).toMatchObject({ commentId: comment.id, postId: null, repeated: false });
    const second = await createReport(
      reporter,
      { commentId: comment.id, reason: "  insults  " },
      deps,
    );
    expect(second).toMatchObject({ id: first.id, reason: "insults", repeated: true });
    expect(await prisma.report.count({ where: { commentId: comment.id } })).toBe(1);
    const filed = await rowsFor({ action: "report.create", actorId: reporter.id });
    expect(filed.map((row) => row.metadata)).toMatchObject([
      { commentId: comment.id, repeated: false },
      { commentId: comment.id, repeated: true },
    ]);

    const queue = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(queue.items.find((item) => item.id === first.id)).toEqual({
      id: first.id,
      reason: "insults",
      createdAt: first.createdAt,
      reporter: { id: reporter.id, name: "Reporter" },
      kind: "comment",
      comment: {
        id: comment.id,
        excerpt: "You are all idiots honestly",
        hiddenAt: null,
        author: { id: commenter.id, name: "Commenter" },
        post: { id: post.id, title: "Thread post" },
      },
    });

    const result = await hideComment(moderator, { commentId: comment.id, reason: "Rude" }, deps);
    expect(result).toEqual({ reportsResolved: 1 });
    expect(await prisma.report.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      resolvedById: moderator.id,
      resolution: "comment hidden",
    });
    const after = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(after.items.map((item) => item.id)).not.toContain(first.id);
  });

  test("When a comment report is dismissed, then it leaves the queue, and a new report by the same reader reopens it", async () => {
    const moderator = await admin();
    const { comment } = await thread();
    const reporter = asViewer(await userRow());
    const report = await createReport(reporter, { commentId: comment.id, reason: "meh" }, deps);

    await dismissReport(moderator, { reportId: report.id }, deps);
    const queue = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(queue.items.map((item) => item.id)).not.toContain(report.id);
    expect(await rowsFor({ action: "report.dismiss", targetId: String(report.id) })).toHaveLength(
      1,
    );

    const reopened = await createReport(reporter, { commentId: comment.id, reason: "worse" }, deps);
    expect(reopened).toMatchObject({ id: report.id, repeated: true });
    const again = await listOpenReports(moderator, { limit: 100 }, deps);
    expect(again.items.find((item) => item.id === report.id)).toMatchObject({
      kind: "comment",
      reason: "worse",
    });
  });

  test("When the queue holds reports of a post and of a comment, then both come back, newest first, each in its own shape", async () => {
    const moderator = await admin();
    const { post, comment } = await thread(`${"word ".repeat(80)}end`);
    const reporter = asViewer(await userRow());
    const ofPost = await createReport(reporter, { postId: post.id, reason: "post" }, deps);
    const ofComment = await createReport(reporter, { commentId: comment.id, reason: "c" }, deps);

    const queue = await listOpenReports(moderator, { limit: 100 }, deps);
    const ours = queue.items.filter((item) => [ofPost.id, ofComment.id].includes(item.id));
    expect(ours.map((item) => [item.id, item.kind])).toEqual([
      [ofComment.id, "comment"],
      [ofPost.id, "post"],
    ]);
    const [commentItem, postItem] = ours;
    expect(postItem).toMatchObject({ post: { id: post.id, title: "Thread post" } });
    expect(postItem).not.toHaveProperty("comment");
    expect(commentItem).not.toHaveProperty("post");
    if (commentItem?.kind !== "comment") throw new Error("expected a comment report");
    // 403 characters cut to 200, ending in an ellipsis.
    expect(Array.from(commentItem.comment.excerpt)).toHaveLength(200);
    expect(commentItem.comment.excerpt).toMatch(/^word word .*…$/);
  });

  test("When a reader reports a comment they cannot see, or names both a post and a comment, then it is refused and nothing is stored", async () => {
    const { post, comment, commenter } = await thread();
    const hidden = await commentRow(post.id, commenter.id, { hidden: true });
    const hiddenPost = await postRow(commenter.id, { hidden: true });
    const underHiddenPost = await commentRow(hiddenPost.id, commenter.id);
    const reporter = asViewer(await userRow());
    const refusals = await Promise.allSettled([
      createReport(reporter, { commentId: hidden.id, reason: "x" }, deps),
      createReport(reporter, { commentId: underHiddenPost.id, reason: "x" }, deps),
      createReport(reporter, { commentId: 2_000_000_000, reason: "x" }, deps),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({
        status: "rejected",
        reason: { code: "NOT_FOUND", message: "Comment not found" },
      });
    }
    const both = await createReport(
      reporter,
      { postId: post.id, commentId: comment.id, reason: "x" },
      deps,
    ).catch((e) => e);
    expect(both).toMatchObject({ code: "VALIDATION_FAILED" });
    const blank = await createReport(reporter, { commentId: comment.id, reason: " " }, deps).catch(
      (e) => e,
    );
    expect(blank).toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: [{ field: "reason", message: "A reason is required" }],
    });
    expect(await prisma.report.count({ where: { reporterId: reporter.id } })).toBe(0);
  });

  test("When the author of a hidden comment reports it, then it is accepted: they can still see it", async () => {
    const { post, commenter } = await thread();
    const hidden = await commentRow(post.id, commenter.id, { hidden: true });
    const report = await createReport(commenter, { commentId: hidden.id, reason: "why?" }, deps);
    expect(report).toMatchObject({ commentId: hidden.id, repeated: false });
  });

  test("When a reader reports a comment through the web operation, then the report is filed", async () => {
    const { comment } = await thread();
    const reader = await signedUpUser("reader");
    const filed = await operation(
      "create-report",
      { commentId: comment.id, reason: "Spam" },
      reader.sessionId,
    );
    expect(filed).toMatchObject({ status: 200, data: { commentId: comment.id, repeated: false } });
    expect(
      await prisma.report.count({ where: { commentId: comment.id, reporterId: reader.id } }),
    ).toBe(1);
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
    const refused = await createReport(reader, { commentId: comment.id, reason: "x" }, deps).catch(
      (e) => e,
    );
    expect(refused).toMatchObject({ code: "NOT_FOUND" });

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
