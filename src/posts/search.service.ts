import type { PrismaClient } from "@prisma/client";
import { parseInput } from "../shared/validation";
import type { Viewer } from "../shared/viewer";
import { applyViewerFlags } from "./postRelations";
import { postSelect, toPostView, visiblePost } from "./posts.service";
import { searchInput, type SearchPage } from "./search.schemas";

export type SearchDeps = { db: PrismaClient };

/**
 * Full-text search over the posts everyone may see, best match first, then newest. The ranking
 * is PostgreSQL's (the generated "search" column and its GIN index, see the post_search
 * migration); `english` here must match the configuration the column is built with, or the
 * query's lexemes would not be the vector's. A query with no searchable word (only stop words
 * or punctuation) matches nothing.
 */
export async function searchPosts(
  viewer: Viewer | null,
  rawInput: unknown,
  { db }: SearchDeps,
): Promise<SearchPage> {
  const { q, limit, offset } = parseInput(searchInput, rawInput ?? {});
  const hits = await db.$queryRaw<{ id: number }[]>`
    SELECT p.id
    FROM "Post" p
    JOIN "User" u ON u.id = p."authorId",
      websearch_to_tsquery('english'::regconfig, ${q}) query
    WHERE p.search @@ query AND p."hiddenAt" IS NULL AND u."bannedAt" IS NULL
    ORDER BY ts_rank_cd(p.search, query) DESC, p."createdAt" DESC, p.id DESC
    LIMIT ${limit + 1} OFFSET ${offset}`;
  const ids = hits.slice(0, limit).map((hit) => hit.id);
  // Loaded again with the visibility rule: a post hidden since the ranking query is left out.
  const rows = ids.length
    ? await db.post.findMany({ where: { id: { in: ids }, ...visiblePost }, select: postSelect })
    : [];
  const byId = new Map(rows.map((row) => [row.id, toPostView(row)]));
  const items = ids.flatMap((id) => byId.get(id) ?? []);
  if (viewer) await applyViewerFlags(db, viewer.id, items);
  return { items, nextOffset: hits.length > limit ? offset + limit : null };
}
