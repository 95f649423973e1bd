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

/** Hides a post from everyone but its author and admins; its open reports count as handled. */
export async function hidePost(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { postId, reason } = parseInput(hidePostInput, rawInput);
  const result = await deps.db.$transaction(async (tx) => {
    const post = await tx.post.findUnique({ where: { id: postId }, select: { hiddenAt: true } });
    if (!post) throw notFound("Post");
    if (post.hiddenAt) throw conflict("This post is already hidden");
    const now = new Date();
    await tx.post.update({ where: { id: postId }, data: { hiddenAt: now, hiddenReason: reason } });
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
    const post = await tx.post.findUnique({
      where: { id: postId },
      select: { hiddenAt: true, hiddenReason: true },
    });
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
  return deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    if (user.role === "ADMIN") throw forbidden("Admins cannot be banned; remove the role first");
    if (user.bannedAt) throw conflict("This user is already banned");
    await tx.user.update({ where: { id: userId }, data: { bannedAt: new Date() } });
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
}

export async function unbanUser(viewer: Viewer | null, rawInput: unknown, deps: ModerationDeps) {
  const admin = requireAdmin(viewer);
  const { userId } = parseInput(unbanUserInput, rawInput);
  await deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { bannedAt: true } });
    if (!user) throw notFound("User");
    if (!user.bannedAt) throw conflict("This user is not banned");
    await tx.user.update({ where: { id: userId }, data: { bannedAt: null } });
    await audit(tx, {
      actorId: admin.id,
      action: "user.unban",
      target: { type: "user", id: userId },
      meta: deps.meta,
    });
  });
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
      _count: { select: { reports: { where: { resolvedAt: null } } } },
    },
  });
  return toPage(rows, limit);
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
