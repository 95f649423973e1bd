import type { PrismaClient } from "@prisma/client";
import type { FeedCache } from "../cache/feedCache";
import { prismaSql, type ReadRoute, type SqlRunner } from "../shared/sql";

// Every tag in use on a post anyone can see, the most used first. Cached with the feeds (the
// same writes change both), so a tag cloud costs nothing per page view. With read replicas,
// `reads` picks the fill's source by the version's WAL floor (see PageLoader).
export type TagDeps = { db: PrismaClient; sql?: SqlRunner; cache?: FeedCache; reads?: ReadRoute };

const load = async (sql: SqlRunner) => {
  const rows = await sql<{ name: string }>(
    "tags_in_use",
    `SELECT t.name FROM "Tag" t
     JOIN "PostTag" pt ON pt."tagId" = t.id
     JOIN "Post" p ON p.id = pt."postId"
     JOIN "User" u ON u.id = p."authorId"
     WHERE p."hiddenAt" IS NULL AND u."bannedAt" IS NULL
     GROUP BY t.name ORDER BY count(*) DESC, t.name`,
    [],
  );
  return JSON.stringify({ tags: rows.map((row) => row.name) });
};

/** `{"tags":[…]}` as JSON bytes, from the cache when possible. */
export async function listTagsJson({ db, sql, cache, reads }: TagDeps) {
  const sqlAt = (floor?: bigint) => reads?.sql(floor) ?? sql ?? prismaSql(db);
  return cache
    ? (await cache.page("tags", (floor) => load(sqlAt(floor)))).body
    : Buffer.from(await load(sqlAt()));
}

export async function listTags(deps: TagDeps): Promise<string[]> {
  return (JSON.parse((await listTagsJson(deps)).toString()) as { tags: string[] }).tags;
}
