import type { PrismaClient } from "@prisma/client";
import { prismaSql, type SqlRunner } from "../shared/sql";
import { parseInput } from "../shared/validation";
import type { Viewer } from "../shared/viewer";
import type { PostView } from "./posts.schemas";
import { revivePostDates } from "./posts.service";
import { searchJson } from "./postsSql";
import { searchInput, type SearchPage } from "./search.schemas";

export type SearchDeps = { db: PrismaClient; sql?: SqlRunner };

/**
 * Full-text search over the posts everyone may see, best match first, then newest: one
 * statement (src/posts/postsSql.ts), ranked by PostgreSQL over the generated "search" column
 * and its GIN index (the post_search migration), each post with the viewer's flags. A query
 * with no searchable word (only stop words or punctuation) matches nothing.
 */
export async function searchPosts(
  viewer: Viewer | null,
  rawInput: unknown,
  { db, sql }: SearchDeps,
): Promise<SearchPage> {
  const { q, limit, offset } = parseInput(searchInput, rawInput ?? {});
  const hits = await searchJson(sql ?? prismaSql(db), {
    q,
    take: limit + 1,
    offset,
    viewerId: viewer?.id,
  });
  const items = hits.slice(0, limit).map((json) => {
    const post = JSON.parse(json) as PostView;
    revivePostDates(post);
    return post;
  });
  return { items, nextOffset: hits.length > limit ? offset + limit : null };
}
