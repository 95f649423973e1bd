import type { PrismaClient } from "@prisma/client";
import { forbidden, notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { isAdmin, requireActiveViewer, type Viewer } from "../shared/viewer";
import { usernameParams, type ProfileView } from "./users.schemas";

// Profiles (a user as readers see them, by handle) and follows. A banned user's profile is gone
// for everyone but admins, as their posts are. Follows change no cached feed (only the viewer's
// own `following` flags), so they invalidate nothing.
export type ProfileDeps = { db: PrismaClient };

const profileSelect = {
  id: true,
  username: true,
  name: true,
  bio: true,
  image: true,
  bannedAt: true,
} as const;

async function findProfile(viewer: Viewer | null, rawUsername: unknown, db: PrismaClient) {
  const { username } = parseInput(usernameParams, { username: rawUsername });
  // citext: the handle matches whatever its case.
  const user = await db.user.findUnique({ where: { username }, select: profileSelect });
  if (!user || (user.bannedAt && !isAdmin(viewer))) throw notFound("Profile");
  return user;
}

async function follows(db: PrismaClient, viewer: Viewer | null, userId: number) {
  if (!viewer) return false;
  const row = await db.follow.findUnique({
    where: { followerId_followedId: { followerId: viewer.id, followedId: userId } },
    select: { followerId: true },
  });
  return Boolean(row);
}

const toView = (
  { bannedAt: _bannedAt, ...user }: Awaited<ReturnType<typeof findProfile>>,
  following: boolean,
): ProfileView => ({ ...user, following });

export async function getProfile(
  viewer: Viewer | null,
  username: unknown,
  { db }: ProfileDeps,
): Promise<ProfileView> {
  const user = await findProfile(viewer, username, db);
  return toView(user, await follows(db, viewer, user.id));
}

/** Follows a user; following someone already followed changes nothing. */
export async function followUser(
  viewer: Viewer | null,
  username: unknown,
  { db }: ProfileDeps,
): Promise<ProfileView> {
  const follower = requireActiveViewer(viewer);
  const user = await findProfile(follower, username, db);
  if (user.id === follower.id) throw forbidden("You cannot follow yourself", "profile");
  // A user deleted after the lookup: the foreign key fails (P2003), answered 404 by classify().
  await db.follow.createMany({
    data: [{ followerId: follower.id, followedId: user.id }],
    skipDuplicates: true,
  });
  return toView(user, true);
}

/** Stops following; unfollowing someone not followed changes nothing. */
export async function unfollowUser(
  viewer: Viewer | null,
  username: unknown,
  { db }: ProfileDeps,
): Promise<ProfileView> {
  const follower = requireActiveViewer(viewer);
  const user = await findProfile(follower, username, db);
  await db.follow.deleteMany({ where: { followerId: follower.id, followedId: user.id } });
  return toView(user, false);
}
