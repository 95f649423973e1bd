// The bench's data set, generated inside PostgreSQL (generate_series) so a million posts take
// seconds of SQL rather than a million round trips. Every post has a slug row, two tags of ten
// and two favourites, whatever the size, so a page's work is the same at 10k and at 1M posts.
import pg from "pg";
import { prepareDatabase } from "../lib/app-process.mjs";

// The tables the seed fills in bulk: their secondary indexes are dropped for the inserts and
// rebuilt after (one sort per index instead of a million index insertions).
const BULK_TABLES = ["User", "Post", "PostSlug", "PostTag", "Favorite"];

/** A fresh database at `url` with `users` authors and `posts` posts; resolves with the seconds it took. */
export async function seed(url, { posts, users }) {
  const started = performance.now();
  await prepareDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Superuser only (the local service's postgres): the rows are consistent by construction,
    // so the foreign keys' per-row triggers would only check what the SQL below guarantees.
    await client.query("SET session_replication_role = replica").catch(() => {});
    await client.query("SET maintenance_work_mem = '256MB'").catch(() => {});
    const { rows: indexes } = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes i
       WHERE schemaname = 'public' AND tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    for (const { indexname } of indexes) await client.query(`DROP INDEX "${indexname}"`);
    await client.query(
      `INSERT INTO "User" (email, name, username, "updatedAt")
       SELECT 'author' || i || '@bench.inkwell', 'Author ' || i, 'author_' || i, now()
       FROM generate_series(1, $1::int) i`,
      [users],
    );
    // Post i is i seconds old: the newest first, and a page's cursor is computable from i.
    await client.query(
      `INSERT INTO "Post" (slug, title, description, content, "authorId", "createdAt", "updatedAt", "favoritesCount")
       SELECT 'post-' || i, 'Post ' || i, 'A post to measure with', repeat('Lorem ipsum dolor sit amet. ', 8),
              1 + i % $2::int, now() - make_interval(secs => i), now(), CASE WHEN $2::int > 1 THEN 2 ELSE 1 END
       FROM generate_series(1, $1::int) i`,
      [posts, users],
    );
    await client.query(`
      INSERT INTO "PostSlug" (slug, "postId") SELECT slug, id FROM "Post";
      INSERT INTO "Tag" (name) SELECT 'tag-' || i FROM generate_series(0, 9) i;
      INSERT INTO "PostTag" ("postId", "tagId", position)
        SELECT p.id, t.id, t.id % 2 FROM "Post" p JOIN "Tag" t ON t.id % 5 = p.id % 5;`);
    await client.query(
      `INSERT INTO "Favorite" ("userId", "postId")
       SELECT DISTINCT u, p.id FROM "Post" p,
         LATERAL (VALUES (1 + p.id % $1::int), (1 + (p.id + $1::int / 2) % $1::int)) f(u)`,
      [users],
    );
    for (const { indexdef } of indexes) await client.query(indexdef);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

/**
 * The feed's cursor after its `n`th row (newest first), as src/shared/cursor.ts encodes it: what
 * a client walking the pages would hold when it asks for the next one.
 */
export async function cursorAfter(url, n) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, id FROM "Post"
       ORDER BY "createdAt" DESC, id DESC OFFSET $1 LIMIT 1`,
      [n - 1],
    );
    const row = rows[0];
    return row && Buffer.from(`${row.at}|${row.id}`).toString("base64url");
  } finally {
    await client.end();
  }
}
