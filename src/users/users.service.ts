import type { Prisma, PrismaClient, Role } from "@prisma/client";
import { audit, type RequestMeta } from "../audit/audit.service";
import type { FeedCache } from "../cache/feedCache";
import { pageQuery, toPage } from "../shared/cursor";
import { AppError, forbidden, notFound, prismaCode } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { usernameTakenError } from "./handles";
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
  username: true,
  bio: true,
  image: true,
  email: true,
  role: true,
  bannedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.UserSelect;

const canSeeAll = (viewer: Viewer | null, id: number) => viewer?.id === id || isAdmin(viewer);

/**
 * Locks the user's row, and with `withAdmins` every admin's row too, until the transaction ends,
 * so what it reads stays true until the change commits: of two admins removing each other at
 * once, the second sees the first's commit. Rows lock in id order, so two of these never
 * deadlock; FOR NO KEY UPDATE still lets others insert rows pointing at them (posts, tokens).
 */
async function lockUsers(tx: Prisma.TransactionClient, id: number, withAdmins: boolean) {
  type Row = { id: number; role: Role };
  const rows = withAdmins
    ? await tx.$queryRaw<Row[]>`
        SELECT id, role::text AS role FROM "User" WHERE id = ${id} OR role = 'ADMIN'
        ORDER BY id FOR NO KEY UPDATE`
    : await tx.$queryRaw<Row[]>`
        SELECT id, role::text AS role FROM "User" WHERE id = ${id} FOR NO KEY UPDATE`;
  const target = rows.find((row) => row.id === id);
  if (!target) throw notFound("User");
  return { target, admins: rows.filter((row) => row.role === "ADMIN").map((row) => row.id) };
}

type Locked = Awaited<ReturnType<typeof lockUsers>>;

/** Under lockUsers(…, true): removing the target's admin role must leave another admin. */
function requireAnotherAdmin({ target, admins }: Locked, change: "deleted" | "demoted") {
  if (target.role === "ADMIN" && admins.length <= 1) {
    throw new AppError("CONFLICT", `The last admin cannot be ${change}`);
  }
}

/** Under lockUsers(…, true): the actor's role was read before the lock; it may be gone since. */
function requireStillAdmin(actor: Viewer, { admins }: Locked) {
  if (!admins.includes(actor.id)) throw forbidden("Only admins can do this");
}

export async function listUsers(viewer: Viewer | null, rawInput: unknown, { db }: UserDeps) {
  requireAdmin(viewer);
  const { q, limit, cursor } = parseInput(listUsersInput, rawInput);
  const match: Prisma.UserWhereInput = q
    ? {
        OR: [
          { email: { contains: q, mode: "insensitive" } },
          { name: { contains: q, mode: "insensitive" } },
          { username: { contains: q, mode: "insensitive" } },
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
  if (canSeeAll(viewer, id) && user) return user;
  // A banned user is gone for readers, as their profile, posts and comments are.
  if (!user || user.bannedAt) throw notFound("User");
  const { id: userId, name, username, bio, image, createdAt } = user;
  return { id: userId, name, username, bio, image, createdAt };
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
    const locked = await lockUsers(tx, id, input.role !== undefined);
    if (input.role !== undefined) {
      if (input.role !== "ADMIN") requireAnotherAdmin(locked, "demoted");
      requireStillAdmin(actor, locked);
    }
    const before = await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect });
    const after = await tx.user
      .update({ where: { id }, data: input, select: userSelect })
      .catch((error: unknown) => {
        throw prismaCode(error) === "P2002" ? usernameTakenError() : error;
      });
    if (input.role !== undefined && input.role !== before.role) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.role_change",
        target: { type: "user", id },
        metadata: { from: before.role, to: after.role },
        meta,
      });
    }
    const changed = (["name", "username"] as const).filter(
      (field) => input[field] !== undefined && input[field] !== before[field],
    );
    if (changed.length > 0) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.update",
        target: { type: "user", id },
        metadata: Object.fromEntries(
          changed.map((field) => [field, { from: before[field], to: after[field] }]),
        ),
        meta,
      });
    }
    return after;
  });
  // Feeds show their authors' names, handles, bios and pictures.
  const shown = [input.name, input.username, input.bio, input.image];
  if (shown.some((value) => value !== undefined)) await cache?.invalidate();
  return updated;
}

/**
 * Deletes an account with everything it owns: posts, comments, favourites, follows, reports,
 * sessions, refresh tokens and the login identity (foreign keys cascade). Favourite counts of
 * other people's posts are corrected in the same transaction. The audit trail keeps a record of the deletion.
 */
export async function deleteUser(viewer: Viewer | null, id: number, { db, cache, meta }: UserDeps) {
  const actor = requireViewer(viewer);
  if (!canSeeAll(actor, id)) throw forbidden("You can only delete your own account");
  await db.$transaction(async (tx) => {
    // With the admins' rows from the start: the target's role is known only once it is locked.
    const locked = await lockUsers(tx, id, true);
    requireAnotherAdmin(locked, "deleted");
    if (actor.id !== id) requireStillAdmin(actor, locked);
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { email: true } });
    // The row's strongest lock (lockUsers' lets rows pointing at it be inserted): it waits for
    // a favourite still being written by this user and turns later ones away (their foreign key
    // fails), so the favourites removed next are all there will be. Before, a favourite that
    // committed meanwhile went with the cascade and its post kept counting it.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${id} FOR UPDATE`;
    // Deleting the rows first takes their locks: an unfavourite racing this is counted once.
    await tx.$executeRaw`
      WITH gone AS (DELETE FROM "Favorite" WHERE "userId" = ${id} RETURNING "postId")
      UPDATE "Post" p SET "favoritesCount" = p."favoritesCount" - 1
      FROM gone WHERE p.id = gone."postId"`;
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
