import type { Prisma, PrismaClient } from "@prisma/client";
import type { PostView } from "./posts.schemas";

// What hangs off a post besides its own columns: its tags and the viewer's flags.

/** Replaces a post's tags with `names` (normalised, in order), creating tags never seen before. */
export async function setTags(tx: Prisma.TransactionClient, postId: number, names: string[]) {
  await tx.postTag.deleteMany({ where: { postId } });
  if (names.length === 0) return;
  // ON CONFLICT DO NOTHING: two posts introducing one new tag at once both get it, no error.
  // Sorted: a writer waits for another's uncommitted new tag, so two claiming the same new
  // tags in opposite orders would wait for each other (a deadlock PostgreSQL ends with an error).
  await tx.$executeRaw`
    INSERT INTO "Tag" (name) SELECT unnest(${[...names].sort()}::text[])
    ON CONFLICT (name) DO NOTHING`;
  const tags = await tx.tag.findMany({
    where: { name: { in: names } },
    select: { id: true, name: true },
  });
  const idOf = new Map(tags.map((tag) => [tag.name, tag.id]));
  await tx.postTag.createMany({
    data: names.map((name, position) => ({ postId, tagId: idOf.get(name) ?? 0, position })),
  });
}

type FlagRow = { id: number; favorited: boolean; following: boolean };

/**
 * Sets the viewer's own flags on posts that came from the shared (cached) view: whether they
 * favourited each post and follow its author. One query per page, whatever its size.
 */
export async function applyViewerFlags(db: PrismaClient, viewerId: number, posts: PostView[]) {
  if (posts.length === 0) return;
  const ids = posts.map((post) => post.id);
  const rows = await db.$queryRaw<FlagRow[]>`
    SELECT p.id,
      EXISTS (SELECT 1 FROM "Favorite" f WHERE f."userId" = ${viewerId} AND f."postId" = p.id)
        AS favorited,
      EXISTS (SELECT 1 FROM "Follow" w
              WHERE w."followerId" = ${viewerId} AND w."followedId" = p."authorId") AS following
    FROM "Post" p WHERE p.id = ANY(${ids}::int[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const post of posts) {
    const flags = byId.get(post.id);
    post.favorited = flags?.favorited ?? false;
    post.author.following = flags?.following ?? false;
  }
}
