import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { authorView } from "../users/authorView";
import type { PostView } from "./posts.schemas";
import { slugify } from "./slugs";

// A new post in one statement: it claims the first free slug of a few candidates (the title's,
// then random suffixes), inserts the post under it and returns the post with its author, in one
// round trip and with no transaction (one statement is atomic on its own). It used to take a
// transaction, a slug look-up per candidate, two inserts and a re-read of the post with its
// author: the write's database round trips were most of its cost.

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
const suffixed = (base: string) => `${base}-${randomBytes(3).toString("hex")}`;

/** The title's slug first (on the first attempt only), then random ones (hello-world-3f9a1c). */
function candidates(title: string, attempt: number): string[] {
  const base = slugify(title);
  const spares = Array.from({ length: SPARES }, () => suffixed(base));
  return attempt === 0 ? [base, ...spares] : [...spares, suffixed(base)];
}

/**
 * Inserts the post (tags are the caller's). Two writers may pick the same free candidate at
 * once: the loser's claim does nothing (ON CONFLICT on the PostSlug key, which every slug a post
 * ever had keeps), so it inserts nothing and tries fresh candidates. The PostSlug row is written
 * first, with the post id drawn from the Post sequence; its foreign key is checked at the end
 * of the statement, when the post exists. Timestamps are UTC, as Prisma writes them.
 */
export async function insertPost(
  db: Pick<Prisma.TransactionClient, "$queryRaw">,
  authorId: number,
  post: NewPost,
): Promise<PostView> {
  const description = post.description ?? "";
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const rows = await db.$queryRaw<Row[]>`
      WITH candidate AS (
        SELECT c.slug FROM unnest(${candidates(post.title, attempt)}::text[]) WITH ORDINALITY AS c(slug, n)
        WHERE NOT EXISTS (SELECT 1 FROM "PostSlug" s WHERE s.slug = c.slug)
        ORDER BY c.n LIMIT 1
      ), claimed AS (
        INSERT INTO "PostSlug" (slug, "postId", "createdAt")
        SELECT slug, nextval(pg_get_serial_sequence('"Post"', 'id')), now() AT TIME ZONE 'UTC'
        FROM candidate
        ON CONFLICT (slug) DO NOTHING
        RETURNING slug, "postId"
      ), inserted AS (
        INSERT INTO "Post" (id, slug, title, description, content, "authorId", "createdAt", "updatedAt")
        SELECT "postId", slug, ${post.title}, ${description}, ${post.content}, ${authorId},
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
        FROM claimed
        RETURNING id, slug, title, description, content, "createdAt", "updatedAt", "hiddenAt",
                  "hiddenReason", "favoritesCount", "authorId"
      )
      SELECT p.*, u.name, u.username, u.bio, u.image
      FROM inserted p JOIN "User" u ON u.id = p."authorId"`;
    const row = rows[0];
    if (row) return toView(row);
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
