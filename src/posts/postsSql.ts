import { decodeCursor, encodeCursor } from "../shared/cursor";
import type { SqlRunner } from "../shared/sql";

// The read side of posts as single statements that return each post as the JSON the API sends
// (PostView, in its key order, with the viewer's flags false): no rows to map, and one round
// trip per page instead of one per relation. Timestamps are formatted as JSON.stringify writes
// a Date (UTC, milliseconds, "Z"); `timestamp(3)` columns hold UTC, as Prisma writes them.

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column}, ${ISO})`;

/**
 * One post as PostView JSON; `p` is the post, `a` its author. With `viewer` (a parameter
 * holding their id) the viewer's flags are read in the same statement; without, they are false
 * (the shared view, which applyViewerFlags completes per viewer).
 */
const postJson = (viewer?: string) => {
  const favorited = viewer
    ? `EXISTS (SELECT 1 FROM "Favorite" f WHERE f."userId" = ${viewer} AND f."postId" = p.id)`
    : "false";
  const following = viewer
    ? `EXISTS (SELECT 1 FROM "Follow" w WHERE w."followerId" = ${viewer} AND w."followedId" = a.id)`
    : "false";
  return `row_to_json((SELECT r FROM (SELECT
    p.id, p.slug, p.title, p.description, p.content,
    ${iso('p."createdAt"')} AS "createdAt", ${iso('p."updatedAt"')} AS "updatedAt",
    ${iso('p."hiddenAt"')} AS "hiddenAt", p."hiddenReason", p."favoritesCount",
    array_to_json(ARRAY(SELECT t.name FROM "PostTag" pt JOIN "Tag" t ON t.id = pt."tagId"
                        WHERE pt."postId" = p.id ORDER BY pt.position)) AS tags,
    (SELECT row_to_json(w) FROM (SELECT a.id, a.name, a.username, a.bio, a.image,
                                   ${following} AS following) w) AS author,
    ${favorited} AS favorited) r))::text`;
};

/** Numbered parameters (`$1::type`, …) and the values they stand for. */
function params() {
  const values: unknown[] = [];
  const param = (value: unknown, type: string) => `$${values.push(value)}::${type}`;
  return { values, param };
}

/** What a list is narrowed to; every field is optional and they combine with AND. */
export type PostFilter = {
  includeHidden?: boolean;
  authorId?: number;
  author?: string;
  tag?: string;
  favoritedBy?: string;
  followedBy?: number;
};

export type PostListQuery = PostFilter & {
  /** Whose flags to read in the same statement (the following feed); else they are false. */
  viewerId?: number;
  cursor?: string;
  limit: number;
  offset?: number;
  withTotal?: boolean;
};

/**
 * The conditions for `filter`, its values added to `param`'s. A tag comes as its id, looked up
 * first: joined by name, the planner cannot tell a popular tag from a rare one and, for a popular
 * one, gathers and sorts all its posts instead of walking the feed index from the cursor.
 */
function conditionsOf(
  filter: PostFilter,
  tagId: number | undefined,
  param: ReturnType<typeof params>["param"],
) {
  const conditions: string[] = [];
  if (!filter.includeHidden) conditions.push(`p."hiddenAt" IS NULL AND a."bannedAt" IS NULL`);
  if (filter.authorId !== undefined)
    conditions.push(`p."authorId" = ${param(filter.authorId, "int")}`);
  if (filter.author !== undefined)
    conditions.push(`a.username = ${param(filter.author, "citext")}`);
  if (tagId !== undefined)
    conditions.push(
      `p.id IN (SELECT pt."postId" FROM "PostTag" pt WHERE pt."tagId" = ${param(tagId, "int")})`,
    );
  // A banned user's favourites are as gone as their profile.
  if (filter.favoritedBy !== undefined)
    conditions.push(`p.id IN (SELECT f."postId" FROM "Favorite" f JOIN "User" u ON u.id = f."userId"
                               WHERE u.username = ${param(filter.favoritedBy, "citext")}
                                 AND u."bannedAt" IS NULL)`);
  if (filter.followedBy !== undefined)
    conditions.push(`p."authorId" IN (SELECT w."followedId" FROM "Follow" w
                                       WHERE w."followerId" = ${param(filter.followedBy, "int")})`);
  return conditions;
}

/** A statement's name says which of its parts are present, so each shape is prepared once. */
const shapeOf = (query: PostListQuery) =>
  [
    query.viewerId !== undefined ? "v" : "",
    query.includeHidden ? "h" : "",
    query.authorId !== undefined ? "i" : "",
    query.author !== undefined ? "a" : "",
    query.tag !== undefined ? "t" : "",
    query.favoritedBy !== undefined ? "f" : "",
    query.followedBy !== undefined ? "w" : "",
    query.cursor && !query.offset ? "c" : "",
    query.offset ? "o" : "",
  ].join("");

type PageRow = { json: string; createdAt: string; id: number };

/**
 * One page of posts, newest first, as the JSON of a FeedPage (`items`, `nextCursor`, and
 * `total` when asked for): one statement, one more row than `limit` (it tells whether another
 * page exists), keyset paging by `("createdAt", id)` so the cursor walks the feed index.
 */
export async function postPageJson(sql: SqlRunner, query: PostListQuery): Promise<string> {
  let tagId: number | undefined;
  if (query.tag !== undefined) {
    const [tag] = await sql<{ id: number }>(
      "tag_id",
      `SELECT id FROM "Tag" WHERE name = $1::text`,
      [query.tag],
    );
    if (!tag) return `{"items":[],"nextCursor":null${query.withTotal ? ',"total":0' : ""}}`;
    tagId = tag.id;
  }
  const { values, param } = params();
  const viewer = query.viewerId === undefined ? undefined : param(query.viewerId, "int");
  const conditions = conditionsOf(query, tagId, param);
  const where = [...conditions];
  if (query.cursor && !query.offset) {
    const { createdAt, id } = decodeCursor(query.cursor);
    const position = `(${param(createdAt.toISOString(), "timestamp")}, ${param(id, "int")})`;
    where.push(`(p."createdAt", p.id) < ${position}`);
  }
  const limit = param(query.limit + 1, "int");
  const offset = query.offset ? ` OFFSET ${param(query.offset, "int")}` : "";
  const shape = shapeOf(query);
  const text = `SELECT ${postJson(viewer)} AS json, ${iso('p."createdAt"')} AS "createdAt", p.id
    FROM "Post" p JOIN "User" a ON a.id = p."authorId"
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${limit}${offset}`;
  const counting = params();
  const countConditions = conditionsOf(query, tagId, counting.param);
  const countText = `SELECT count(*)::int AS total FROM "Post" p JOIN "User" a ON a.id = p."authorId"
    ${countConditions.length ? `WHERE ${countConditions.join(" AND ")}` : ""}`;
  const [rows, counted] = await Promise.all([
    // A tag's page is planned afresh each time (an unnamed statement): a plan kept for one tag
    // would be wrong for a tag a hundred times as popular.
    sql<PageRow>(tagId === undefined ? `posts_page_${shape}` : "", text, values),
    query.withTotal
      ? sql<{ total: number }>(
          tagId === undefined ? `posts_count_${shape}` : "",
          countText,
          counting.values,
        )
      : undefined,
  ]);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ createdAt: new Date(last.createdAt), id: last.id })
      : null;
  const total = counted ? `,"total":${counted[0]?.total ?? 0}` : "";
  return `{"items":[${items.map((row) => row.json).join(",")}],"nextCursor":${JSON.stringify(nextCursor)}${total}}`;
}

/** A post's PostView JSON, with what decides who may see it. */
export type PostJsonRow = { json: string; authorId: number; hidden: boolean };

/**
 * One post by id or by any slug it ever had, whoever may see it (the caller decides), with the
 * viewer's flags when one is given: one statement.
 */
export async function postJsonRow(
  sql: SqlRunner,
  key: { id: number } | { slug: string },
  viewerId?: number,
): Promise<PostJsonRow | undefined> {
  const { values, param } = params();
  const viewer = viewerId === undefined ? undefined : param(viewerId, "int");
  const match =
    "id" in key
      ? `p.id = ${param(key.id, "int")}`
      : `p.id = (SELECT s."postId" FROM "PostSlug" s WHERE s.slug = ${param(key.slug, "text")})`;
  const rows = await sql<PostJsonRow>(
    `posts_one_${"id" in key ? "i" : "s"}${viewer ? "v" : ""}`,
    `SELECT ${postJson(viewer)} AS json, p."authorId",
            (p."hiddenAt" IS NOT NULL OR a."bannedAt" IS NOT NULL) AS hidden
     FROM "Post" p JOIN "User" a ON a.id = p."authorId" WHERE ${match}`,
    values,
  );
  return rows[0];
}

/**
 * Full-text search over the posts everyone may see, best match first, then newest, each as
 * PostView JSON (the viewer's flags read in the same statement): `take` rows from `offset`.
 * `english` must match the configuration the generated "search" column is built with. Planned
 * afresh each time (unnamed), as a query's words decide how selective it is.
 */
export async function searchJson(
  sql: SqlRunner,
  query: { q: string; take: number; offset: number; viewerId?: number },
): Promise<string[]> {
  const { values, param } = params();
  const words = param(query.q, "text");
  const viewer = query.viewerId === undefined ? undefined : param(query.viewerId, "int");
  const rows = await sql<{ json: string }>(
    "",
    `SELECT ${postJson(viewer)} AS json
     FROM "Post" p JOIN "User" a ON a.id = p."authorId",
       websearch_to_tsquery('english'::regconfig, ${words}) query
     WHERE p.search @@ query AND p."hiddenAt" IS NULL AND a."bannedAt" IS NULL
     ORDER BY ts_rank_cd(p.search, query) DESC, p."createdAt" DESC, p.id DESC
     LIMIT ${param(query.take, "int")} OFFSET ${param(query.offset, "int")}`,
    values,
  );
  return rows.map((row) => row.json);
}

/** What decides who may see the post a slug (current or old) names, and its id. */
export async function postAccessBySlug(sql: SqlRunner, slug: string) {
  const rows = await sql<{ id: number; authorId: number; hidden: boolean }>(
    "posts_access_by_slug",
    `SELECT p.id, p."authorId", (p."hiddenAt" IS NOT NULL OR a."bannedAt" IS NOT NULL) AS hidden
     FROM "PostSlug" s JOIN "Post" p ON p.id = s."postId" JOIN "User" a ON a.id = p."authorId"
     WHERE s.slug = $1::text`,
    [slug],
  );
  return rows[0];
}

/** Whether the viewer favourited each post and follows its author, in the order of `ids`. */
export async function viewerFlagsOf(sql: SqlRunner, viewerId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: number; favorited: boolean; following: boolean }>(
    "posts_viewer_flags",
    `SELECT p.id,
       EXISTS (SELECT 1 FROM "Favorite" f WHERE f."userId" = $1::int AND f."postId" = p.id)
         AS favorited,
       EXISTS (SELECT 1 FROM "Follow" w WHERE w."followerId" = $1::int AND w."followedId" = p."authorId")
         AS following
     FROM "Post" p WHERE p.id = ANY($2::int[])`,
    [viewerId, ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => ({
    favorited: byId.get(id)?.favorited ?? false,
    following: byId.get(id)?.following ?? false,
  }));
}
