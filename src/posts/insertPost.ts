import { randomBytes } from "node:crypto";
import type { SqlRunner } from "../shared/sql";
import { AppError } from "../shared/errors";
import { authorView } from "../users/authorView";
import type { PostView } from "./posts.schemas";
import { slugify } from "./slugs";

// A new post in one statement: it claims the first free slug of a few candidates (the title's,
// then random suffixes), inserts the post under it and returns the post with its author, in one
// round trip and with no transaction (one statement is atomic on its own). It used to take a
// transaction, a slug look-up per candidate, two inserts and a re-read of the post with its
// author, each through Prisma: most of the write's cost. Sent on the pool as a prepared
// statement when the caller has it (the transports do), else through Prisma (in a transaction).

export type NewPost = { title: string; content: string; description?: string };

type Row = {
  id: number;
  slug: string;
  title: string;
  description: string;
  content: string;
  createdAt: Date;
  updatedAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  favoritesCount: number;
  authorId: number;
  name: string;
  username: string;
  bio: string | null;
  image: string | null;
};

const SPARES = 3;
const ATTEMPTS = 5;

/** The title's slug first (on the first attempt only), then random ones (hello-world-3f9a1c). */
function candidates(title: string, attempt: number): string[] {
  const base = slugify(title);
  const random = randomBytes(3 * (SPARES + 1)).toString("hex");
  const suffixed = Array.from(
    { length: SPARES + 1 },
    (_, i) => `${base}-${random.slice(i * 6, i * 6 + 6)}`,
  );
  return attempt === 0 ? [base, ...suffixed.slice(0, SPARES)] : suffixed;
}

// $1…$4 the candidate slugs (as separate values: cheaper to send than an array), then the post.
// Times are read back as timestamptz, so both runners turn them into the same instants.
const INSERT = `
  WITH candidate AS (
    SELECT c.slug FROM (VALUES (1, $1::text), (2, $2::text), (3, $3::text), (4, $4::text)) AS c(n, slug)
    WHERE NOT EXISTS (SELECT 1 FROM "PostSlug" s WHERE s.slug = c.slug)
      AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = $8)
    ORDER BY c.n LIMIT 1
  ), claimed AS (
    INSERT INTO "PostSlug" (slug, "postId", "createdAt")
    SELECT slug, nextval(pg_get_serial_sequence('"Post"', 'id')), now() AT TIME ZONE 'UTC'
    FROM candidate
    ON CONFLICT (slug) DO NOTHING
    RETURNING slug, "postId"
  ), inserted AS (
    INSERT INTO "Post" (id, slug, title, description, content, "authorId", "createdAt", "updatedAt")
    SELECT "postId", slug, $5, $6, $7, $8, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM claimed
    RETURNING id, slug, title, description, content, "createdAt", "updatedAt", "hiddenAt",
              "hiddenReason", "favoritesCount", "authorId"
  )
  SELECT p.id, p.slug, p.title, p.description, p.content,
         p."createdAt" AT TIME ZONE 'UTC' AS "createdAt", p."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt",
         p."hiddenAt" AT TIME ZONE 'UTC' AS "hiddenAt", p."hiddenReason", p."favoritesCount",
         p."authorId", u.name, u.username, u.bio, u.image
  FROM inserted p JOIN "User" u ON u.id = p."authorId"`;

const authorGone = () => new AppError("NOT_FOUND", "Something this refers to no longer exists");
// The author deleted between the statement's check and its end: the post's foreign key fails.
const isForeignKeyViolation = (error: unknown) => {
  const { code, meta } = (error ?? {}) as {
    code?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  return code === "23503" || String(meta?.driverAdapterError).includes("ForeignKeyConstraint");
};

/**
 * Inserts the post (tags are the caller's). Two writers may pick the same free candidate at
 * once: the loser's claim does nothing (ON CONFLICT on the PostSlug key, which every slug a post
 * ever had keeps), so it inserts nothing and tries fresh candidates. The PostSlug row is written
 * first, with the post id drawn from the Post sequence; its foreign key is checked at the end
 * of the statement, when the post exists. Timestamps are stored in UTC, as Prisma writes them.
 */
export async function insertPost(
  run: SqlRunner,
  authorId: number,
  post: NewPost,
): Promise<PostView> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const values = [
      ...candidates(post.title, attempt),
      post.title,
      post.description ?? "",
      post.content,
      authorId,
    ];
    const rows = await run<Row>("insert-post", INSERT, values).catch((error: unknown) => {
      throw isForeignKeyViolation(error) ? authorGone() : error;
    });
    if (rows[0]) return toView(rows[0]);
    // Nothing inserted: every candidate was taken, or the author no longer exists.
    const [author] = await run<{ id: number }>(
      "post-author-exists",
      `SELECT id FROM "User" WHERE id = $1`,
      [authorId],
    );
    if (!author) throw authorGone();
  }
  throw new Error("No free slug after several attempts");
}

function toView({ authorId, name, username, bio, image, ...post }: Row): PostView {
  return {
    ...post,
    tags: [],
    author: authorView({ id: authorId, name, username, bio, image }, false),
    favorited: false,
  };
}
