import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { prismaCode } from "../shared/errors";

// Slugs: a post's title as a URL ("Hello, World!" → hello-world). Written here rather than
// taken from a slug library: the whole rule is three regular expressions, and the database's
// PostSlug key, not this code, is what keeps two posts from sharing one.

const SLUG_MAX = 60;

export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = words.length > SLUG_MAX ? words.slice(0, SLUG_MAX).replace(/-[^-]*$/, "") : words;
  return cut || "post";
}

/** The base slug, or after a collision the base with a random suffix (hello-world-3f9a1c). */
const candidate = (base: string, attempt: number) =>
  attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`;

/**
 * A slug for `title` that no other post has ever had (or has had: old slugs keep resolving),
 * checked inside the caller's transaction. Two writers can still pick the same free slug at
 * once; the loser's insert hits the PostSlug key and is retried by withSlugRetry.
 */
export async function freeSlug(
  tx: Prisma.TransactionClient,
  title: string,
  attempt: number,
  postId?: number,
): Promise<string> {
  const base = slugify(title);
  for (let n = attempt; ; n++) {
    const slug = candidate(base, n);
    const owner = await tx.postSlug.findUnique({ where: { slug }, select: { postId: true } });
    if (!owner || owner.postId === postId) return slug;
  }
}

/** Runs a write that claims a slug again when a concurrent writer claimed the same one first. */
export async function withSlugRetry<T>(write: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(attempt);
    } catch (error) {
      if (prismaCode(error) !== "P2002" || attempt >= 4) throw error;
    }
  }
}
