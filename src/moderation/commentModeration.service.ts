import { audit } from "../audit/audit.service";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireAdmin, type Viewer } from "../shared/viewer";
import {
  hideCommentInput,
  moderationCommentsInput,
  restoreCommentInput,
  type ModerationCommentView,
  type Page,
} from "./moderation.schemas";
import { excerpt, type ModerationDeps } from "./reports.service";

// Admins hide comments as they hide posts: conditional writes, the audit row in the same
// transaction, so of two admins acting at once one acts and the other gets a 409.
// Unlike posts, no cache is invalidated: comments appear in no cached feed (threads are read
// from the database on every request), so `deps.cache` is deliberately left alone.

const conflict = (message: string) => new AppError("CONFLICT", message);

/** Hides a comment from everyone but its author and admins; its open reports count as handled. */
export async function hideComment(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { commentId, reason } = parseInput(hideCommentInput, rawInput);
  return deps.db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, hiddenAt: null },
      data: { hiddenAt: now, hiddenReason: reason },
    });
    if (count === 0) {
      const exists = await tx.comment.count({ where: { id: commentId } });
      throw exists ? conflict("This comment is already hidden") : notFound("Comment");
    }
    const resolved = await tx.report.updateMany({
      where: { commentId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: admin.id, resolution: "comment hidden" },
    });
    const { postId, authorId } = await tx.comment.findUniqueOrThrow({
      where: { id: commentId },
      select: { postId: true, authorId: true },
    });
    await audit(tx, {
      actorId: admin.id,
      action: "comment.hide",
      target: { type: "comment", id: commentId },
      metadata: { reason, postId, authorId, reportsResolved: resolved.count },
      meta: deps.meta,
    });
    return { reportsResolved: resolved.count };
  });
}

export async function restoreComment(
  viewer: Viewer | null,
  rawInput: unknown,
  deps: ModerationDeps,
) {
  const admin = requireAdmin(viewer);
  const { commentId } = parseInput(restoreCommentInput, rawInput);
  await deps.db.$transaction(async (tx) => {
    // Locked, so the reason the audit row keeps is the one this restore removes.
    const [comment] = await tx.$queryRaw<
      { hiddenAt: Date | null; hiddenReason: string | null; postId: number }[]
    >`SELECT "hiddenAt", "hiddenReason", "postId" FROM "Comment" WHERE id = ${commentId}
      FOR NO KEY UPDATE`;
    if (!comment) throw notFound("Comment");
    if (!comment.hiddenAt) throw conflict("This comment is not hidden");
    await tx.comment.update({
      where: { id: commentId },
      data: { hiddenAt: null, hiddenReason: null },
    });
    await audit(tx, {
      actorId: admin.id,
      action: "comment.restore",
      target: { type: "comment", id: commentId },
      metadata: { hiddenReason: comment.hiddenReason, postId: comment.postId },
      meta: deps.meta,
    });
  });
}

/**
 * Every comment, hidden ones included (or only those), newest first. Served by the Comment
 * (createdAt, id) index, and with `hiddenOnly` by the hiddenAt one (see schema.prisma).
 */
export async function listCommentsForModeration(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: ModerationDeps,
): Promise<Page<ModerationCommentView>> {
  requireAdmin(viewer);
  const { hiddenOnly, cursor, limit } = parseInput(moderationCommentsInput, rawInput ?? {});
  const rows = await db.comment.findMany({
    ...pageQuery(hiddenOnly ? { hiddenAt: { not: null } } : {}, cursor, limit),
    select: {
      id: true,
      body: true,
      createdAt: true,
      hiddenAt: true,
      hiddenReason: true,
      author: { select: { id: true, name: true } },
      post: { select: { id: true, title: true } },
    },
  });
  const page = toPage(rows, limit);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ body, ...comment }) => ({ ...comment, excerpt: excerpt(body) })),
  };
}
