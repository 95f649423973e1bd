import { listAudit } from "../audit/audit.service";
import type { Prisma } from "@prisma/client";
import { audit } from "../audit/audit.service";
import { revokeAllForUser } from "../auth/tokens.service";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, forbidden, notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { requireAdmin, type Viewer } from "../shared/viewer";
import {
  banUserInput,
  hidePostInput,
  restorePostInput,
  searchPostsInput,
  unbanUserInput,
  type AuditEventView,
  type ModerationPostView,
  type Page,
} from "./moderation.schemas";
import type { ModerationDeps } from "./reports.service";

// Admin moderation use cases. Every change commits in one transaction with its audit row, so
// the trail never claims an action that rolled back, nor misses one that happened.
export type { ModerationDeps };

const conflict = (message: string) => new AppError("CONFLICT", message);

// The changes below are conditional writes (updateMany on the state they need, then a count
// check) or follow a row lock: of two admins acting on one row at once, one acts and the other
// gets the 409 or 404 it would have got had it come second, never a 500 or a second audit row.

/** Hides a post from everyone but its author and admins; its open reports count as handled. */
export async function hidePost(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { postId, reason } = parseInput(hidePostInput, rawInput);
  const result = await deps.db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.post.updateMany({
      where: { id: postId, hiddenAt: null },
      data: { hiddenAt: now, hiddenReason: reason },
    });
    if (count === 0) {
      const exists = await tx.post.count({ where: { id: postId } });
      throw exists ? conflict("This post is already hidden") : notFound("Post");
    }
    const resolved = await tx.report.updateMany({
      where: { postId, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: admin.id, resolution: "post hidden" },
    });
    await audit(tx, {
      actorId: admin.id,
      action: "post.hide",
      target: { type: "post", id: postId },
      metadata: { reason, reportsResolved: resolved.count },
      meta: deps.meta,
    });
    return { reportsResolved: resolved.count };
  });
  await deps.cache?.invalidate(); // after the commit, so no reader refills it with the old feed
  return result;
}

export async function restorePost(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { postId } = parseInput(restorePostInput, rawInput);
  await deps.db.$transaction(async (tx) => {
    // Locked, so the reason the audit row keeps is the one this restore removes.
    const [post] = await tx.$queryRaw<{ hiddenAt: Date | null; hiddenReason: string | null }[]>`
      SELECT "hiddenAt", "hiddenReason" FROM "Post" WHERE id = ${postId} FOR NO KEY UPDATE`;
    if (!post) throw notFound("Post");
    if (!post.hiddenAt) throw conflict("This post is not hidden");
    await tx.post.update({ where: { id: postId }, data: { hiddenAt: null, hiddenReason: null } });
    await audit(tx, {
      actorId: admin.id,
      action: "post.restore",
      target: { type: "post", id: postId },
      metadata: { hiddenReason: post.hiddenReason },
      meta: deps.meta,
    });
  });
  await deps.cache?.invalidate();
}

/**
 * Bans a user: they can no longer log in or write, and every session they hold ends now
 * (browser sessions and REST refresh tokens), not when it would have expired.
 */
export async function banUser(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { userId, reason } = parseInput(banUserInput, rawInput);
  if (userId === admin.id) throw forbidden("Admins cannot ban themselves");
  const ended = await deps.db.$transaction(async (tx) => {
    // Conditional, also on the role: an admin promoted since the request began is not banned.
    const { count } = await tx.user.updateMany({
      where: { id: userId, role: "USER", bannedAt: null },
      data: { bannedAt: new Date() },
    });
    if (count === 0) {
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (!user) throw notFound("User");
      if (user.role === "ADMIN") throw forbidden("Admins cannot be banned; remove the role first");
      throw conflict("This user is already banned");
    }
    // Wasp's Session rows hang off Auth (Session.userId is the Auth id), not off User.
    const sessions = await tx.session.deleteMany({ where: { auth: { userId } } });
    const tokens = await revokeAllForUser(tx, userId);
    await audit(tx, {
      actorId: admin.id,
      action: "user.ban",
      target: { type: "user", id: userId },
      metadata: {
        reason: reason ?? null,
        sessionsEnded: sessions.count,
        tokensRevoked: tokens.count,
      },
      meta: deps.meta,
    });
    return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
  });
  // A banned user's posts leave every feed (and their comments every thread) at once.
  await deps.cache?.invalidate();
  return ended;
}

export async function unbanUser(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { userId } = parseInput(unbanUserInput, rawInput);
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, bannedAt: { not: null } },
      data: { bannedAt: null },
    });
    if (count === 0) {
      const exists = await tx.user.count({ where: { id: userId } });
      throw exists ? conflict("This user is not banned") : notFound("User");
    }
    await audit(tx, {
      actorId: admin.id,
      action: "user.unban",
      target: { type: "user", id: userId },
      meta: deps.meta,
    });
  });
  await deps.cache?.invalidate(); // their posts are back
}

/** Every post, hidden ones included, searchable by title or content, with its report count. */
export async function searchPosts(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: ModerationDeps,
): Promise<Page<ModerationPostView>> {
  requireAdmin(viewer);
  const { q, cursor, limit } = parseInput(searchPostsInput, rawInput ?? {});
  const match: Prisma.PostWhereInput = q
    ? {
        OR: [
          { title: { contains: q, mode: "insensitive" } },
          { content: { contains: q, mode: "insensitive" } },
        ],
      }
    : {};
  const rows = await db.post.findMany({
    ...pageQuery(match, cursor, limit),
    select: {
      id: true,
      title: true,
      createdAt: true,
      hiddenAt: true,
      hiddenReason: true,
      author: { select: { id: true, name: true } },
    },
  });
  const page = toPage(rows, limit);
  // Counted for the page's posts only: Prisma's `_count` joins a count of every post's open
  // reports, which PostgreSQL builds over the whole Report table before it reads a page.
  const ids = page.items.map((post) => post.id);
  const counts = ids.length
    ? await db.report.groupBy({
        by: ["postId"],
        where: { postId: { in: ids }, resolvedAt: null },
        _count: { _all: true },
      })
    : [];
  const open = new Map(counts.map((row) => [row.postId, row._count._all]));
  return {
    ...page,
    items: page.items.map((post) => ({ ...post, _count: { reports: open.get(post.id) ?? 0 } })),
  };
}

/** The audit trail, newest first, with each actor's current name when the account still exists. */
export async function listAuditEvents(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: ModerationDeps,
): Promise<Page<AuditEventView>> {
  // The same query and filters as the REST audit endpoint; this adds the actors' names.
  const page = await listAudit(viewer, rawInput, { db });
  const actorIds = [...new Set(page.items.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const actors = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true },
  });
  const byId = new Map(actors.map((actor) => [actor.id, actor]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      id: row.id,
      action: row.action,
      createdAt: row.createdAt,
      actor: row.actorId ? (byId.get(row.actorId) ?? { id: row.actorId, name: "(deleted)" }) : null,
      targetType: row.targetType,
      targetId: row.targetId,
      metadata: row.metadata,
    })),
  };
}
