import type { PrismaClient } from "@prisma/client";
import { AppError } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { decodeCursor, encodeCursor } from "./cursor";
import { createPostInput, feedInput, type FeedInput } from "./posts.schemas";

// Post use cases, shared by the Wasp operations (browser) and the REST API.
// No Express or Wasp types here: callers pass the database in.
export type PostDeps = { db: PrismaClient };

export type PostView = {
  id: number;
  title: string;
  content: string;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; name: string };
};

export type FeedPage = { items: PostView[]; nextCursor: string | null };

const postView = {
  id: true,
  title: true,
  content: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
} as const;

export async function createPost(
  authorId: number,
  rawInput: unknown,
  { db }: PostDeps,
): Promise<PostView> {
  const input = parseInput(createPostInput, rawInput);
  const author = await db.user.findUnique({ where: { id: authorId }, select: { bannedAt: true } });
  if (!author) throw new AppError("UNAUTHENTICATED", "Your account no longer exists");
  if (author.bannedAt) throw new AppError("FORBIDDEN", "Your account is banned from posting");
  return db.post.create({ data: { ...input, authorId }, select: postView });
}

export async function listFeed(
  rawInput: FeedInput | undefined,
  { db }: PostDeps,
): Promise<FeedPage> {
  const { cursor, limit, authorId } = parseInput(feedInput, rawInput ?? {});
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await db.post.findMany({
    where: {
      hiddenAt: null,
      ...(authorId ? { authorId } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1, // one extra row tells whether another page exists
    select: postView,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
