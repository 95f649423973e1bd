import type { PrismaClient } from "@prisma/client";
import type { FeedCache } from "../cache/feedCache";

// Every tag in use on a post anyone can see, the most used first. Cached with the feeds (the
// same writes change both), so a tag cloud costs nothing per page view.
export type TagDeps = { db: PrismaClient; cache?: FeedCache };

const load = async (db: PrismaClient) => {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT t.name FROM "Tag" t
    JOIN "PostTag" pt ON pt."tagId" = t.id
    JOIN "Post" p ON p.id = pt."postId"
    JOIN "User" u ON u.id = p."authorId"
    WHERE p."hiddenAt" IS NULL AND u."bannedAt" IS NULL
    GROUP BY t.name ORDER BY count(*) DESC, t.name`;
  return JSON.stringify({ tags: rows.map((row) => row.name) });
};

/** `{"tags":[…]}` as JSON bytes, from the cache when possible. */
export async function listTagsJson({ db, cache }: TagDeps) {
  return cache ? (await cache.page("tags", () => load(db))).body : Buffer.from(await load(db));
}

export async function listTags(deps: TagDeps): Promise<string[]> {
  return (JSON.parse((await listTagsJson(deps)).toString()) as { tags: string[] }).tags;
}
