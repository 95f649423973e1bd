// The bench's data set, generated inside PostgreSQL (generate_series) so a million posts take
// seconds of SQL rather than a million round trips. Every post has a slug row, two tags of ten
// and two favourites, whatever the size, so a page's work is the same at 10k and at 1M posts;
// the middle one (the bench's single post) also has 20 comments.
import pg from "pg";
import { prepareDatabase } from "../lib/app-process.mjs";

// The tables the seed fills in bulk: their secondary indexes are dropped for the inserts and
// rebuilt after (one sort per index instead of a million index insertions).
const BULK_TABLES = ["User", "Post", "PostSlug", "PostTag", "Favorite"];

// Two sessions, one per core of the machines this runs on: the posts' rows (their generated
// search column is most of the seed's time) and the index builds are split between them.
const SESSIONS = 2;

/** A fresh database at `url` with `users` authors and `posts` posts; resolves with the seconds it took, by step. */
export async function seed(url, { posts, users }) {
  const started = performance.now();
  await prepareDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: SESSIONS });
  // Superuser only (the local service's postgres): the rows are consistent by construction,
  // so the foreign keys' per-row triggers would only check what the SQL below guarantees.
  // (Queued on the new connection before anything else it is given.)
  pool.on("connect", (client) => {
    client.query("SET session_replication_role = replica").catch(() => {});
    client.query("SET maintenance_work_mem = '256MB'").catch(() => {});
  });
  const steps = {};
  let mark = started;
  const step = (name) => {
    const now = performance.now();
    steps[name] = Number(((now - mark) / 1000).toFixed(1));
    mark = now;
  };
  step("migrate");
  try {
    const { rows: indexes } = await pool.query(
      `SELECT indexname, indexdef FROM pg_indexes i
       WHERE schemaname = 'public' AND tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    for (const { indexname } of indexes) await pool.query(`DROP INDEX "${indexname}"`);
    await pool.query(
      `INSERT INTO "User" (email, name, username, "updatedAt")
       SELECT 'author' || i || '@bench.inkwell', 'Author ' || i, 'author_' || i, now()
       FROM generate_series(1, $1::int) i`,
      [users],
    );
    step("users");
    // Post i (its id) is i seconds old: the newest first. Ids are given, so the halves can be
    // written at once; the sequence then continues after them for the bench's own posts.
    const half = Math.ceil(posts / SESSIONS);
    await Promise.all(
      Array.from({ length: SESSIONS }, (_, k) =>
        pool.query(
          `INSERT INTO "Post" (id, slug, title, description, content, "authorId", "createdAt", "updatedAt", "favoritesCount")
           SELECT i, 'post-' || i, 'Post ' || i, 'A post to measure with', repeat('Lorem ipsum dolor sit amet. ', 8),
                  1 + i % $3::int, now() - make_interval(secs => i), now(), CASE WHEN $3::int > 1 THEN 2 ELSE 1 END
           FROM generate_series($1::int, $2::int) i`,
          [k * half + 1, Math.min(posts, (k + 1) * half), users],
        ),
      ),
    );
    await pool.query(
      `SELECT setval(pg_get_serial_sequence('"Post"', 'id'), GREATEST($1::int, 1))`,
      [posts],
    );
    step("posts");
    // Two favourites per post (one when there is one user): users i and i + users/2, mod users.
    await Promise.all([
      pool.query(`
        INSERT INTO "PostSlug" (slug, "postId") SELECT slug, id FROM "Post";
        INSERT INTO "Tag" (name) SELECT 'tag-' || i FROM generate_series(0, 9) i;
        INSERT INTO "PostTag" ("postId", "tagId", position)
          SELECT p.id, t.id, t.id % 2 FROM "Post" p JOIN "Tag" t ON t.id % 5 = p.id % 5;`),
      pool.query(
        `INSERT INTO "Favorite" ("userId", "postId")
         SELECT f.u, p.id FROM "Post" p,
           LATERAL (VALUES (1, 1 + p.id % $1::int), (2, 1 + (p.id + $1::int / 2) % $1::int)) f(n, u)
         WHERE f.n = 1 OR $1::int > 1`,
        [users],
      ),
    ]);
    // The middle post (the bench's single post) has a page of 20 comments, a minute apart.
    await pool.query(
      `INSERT INTO "Comment" (body, "postId", "authorId", "createdAt", "updatedAt")
       SELECT 'Comment ' || i || ', read under load.', GREATEST(CEIL($1::int / 2.0)::int, 1),
              1 + i % $2::int, now() - make_interval(mins => 21 - i), now()
       FROM generate_series(1, 20) i`,
      [posts, users],
    );
    step("slugs, tags, favourites and comments");
    const queue = indexes.map(({ indexdef }) => indexdef);
    const builder = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await pool.query(next);
    };
    await Promise.all(Array.from({ length: SESSIONS }, builder));
    step("indexes");
    await pool.query("ANALYZE");
    step("analyze");
  } finally {
    await pool.end();
  }
  return { seconds: (performance.now() - started) / 1000, steps };
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
