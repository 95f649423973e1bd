import type { Prisma, PrismaClient } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import type { FeedCache } from "../cache/feedCache";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, forbidden, notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { isAdmin, requireAdmin, requireViewer, type Viewer } from "../shared/viewer";
import {
  listUsersInput,
  updateUserInput,
  type PublicUserView,
  type UserView,
} from "./users.schemas";

// User use cases, shared by the Wasp operations and the REST API.
export type UserDeps = { db: PrismaClient; cache?: FeedCache; meta?: RequestMeta };

export const userSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  bannedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.UserSelect;

const canSeeAll = (viewer: Viewer | null, id: number) => viewer?.id === id || isAdmin(viewer);

export async function listUsers(viewer: Viewer | null, rawInput: unknown, { db }: UserDeps) {
  requireAdmin(viewer);
  const { q, limit, cursor } = parseInput(listUsersInput, rawInput);
  const match: Prisma.UserWhereInput = q
    ? {
        OR: [
          { email: { contains: q, mode: "insensitive" } },
          { name: { contains: q, mode: "insensitive" } },
        ],
      }
    : {};
  const rows = await db.user.findMany({ ...pageQuery(match, cursor, limit), select: userSelect });
  return toPage(rows, limit);
}

export async function getUser(
  viewer: Viewer | null,
  id: number,
  { db }: UserDeps,
): Promise<UserView | PublicUserView> {
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw notFound("User");
  if (canSeeAll(viewer, id)) return user;
  return { id: user.id, name: user.name, createdAt: user.createdAt };
}

export async function updateUser(
  viewer: Viewer | null,
  id: number,
  rawInput: unknown,
  { db, cache, meta }: UserDeps,
): Promise<UserView> {
  const actor = requireViewer(viewer);
  const input = parseInput(updateUserInput, rawInput);
  if (!canSeeAll(actor, id)) throw forbidden("You can only change your own profile");
  if (input.role !== undefined && !isAdmin(actor)) throw forbidden("Only admins can change roles");
  if (input.role !== undefined && actor.id === id) {
    throw forbidden("Admins cannot change their own role");
  }
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!before) throw notFound("User");
    const after = await tx.user.update({ where: { id }, data: input, select: userSelect });
    if (input.role !== undefined && input.role !== before.role) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.role_change",
        target: { type: "user", id },
        metadata: { from: before.role, to: after.role },
        meta,
      });
    }
    if (input.name !== undefined && input.name !== before.name) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.update",
        target: { type: "user", id },
        metadata: { name: { from: before.name, to: after.name } },
        meta,
      });
    }
    return after;
  });
  // Feeds show author names.
  if (input.name !== undefined) await cache?.invalidate();
  return updated;
}

/**
 * Deletes an account with everything it owns: posts, reports, sessions, refresh tokens and the
 * login identity (foreign keys cascade). The audit trail keeps a record of the deletion.
 */
export async function deleteUser(viewer: Viewer | null, id: number, { db, cache, meta }: UserDeps) {
  const actor = requireViewer(viewer);
  if (!canSeeAll(actor, id)) throw forbidden("You can only delete your own account");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { email: true, role: true } });
    if (!user) throw notFound("User");
    if (user.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new AppError("CONFLICT", "The last admin cannot be deleted");
    }
    await tx.user.delete({ where: { id } });
    await audit(tx, {
      actorId: actor.id,
      action: "user.delete",
      target: { type: "user", id },
      metadata: { email: user.email, self: actor.id === id },
      meta,
    });
  });
  await cache?.invalidate(); // their posts left the feeds
}
