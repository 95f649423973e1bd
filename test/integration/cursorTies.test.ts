import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { listComments } from "../../src/comments/comments.service";
import { listFeed } from "../../src/posts/posts.service";
import { postRow, userRow } from "../factories";

// Rows that share a createdAt (a bulk import, one transaction's now()) are told apart only by
// the cursor's id tie-break: a page boundary inside such a group must neither repeat a row nor
// skip one, newest first (the feeds) and oldest first (comments) alike.

const deps = { db: prisma };
const T = [
  new Date("2026-03-01T10:00:00.000Z"),
  new Date("2026-03-01T10:00:00.001Z"),
  new Date("2026-03-01T10:00:05.000Z"),
];
/** Seven rows at the first time, nine at the second, five at the third: pages of 4 split them. */
const TIMES = [...Array(7).fill(T[0]), ...Array(9).fill(T[1]), ...Array(5).fill(T[2])] as Date[];

/** Every page from the first until nextCursor runs out, the ids in the order they came. */
async function pageThrough(
  load: (cursor?: string) => Promise<{ items: { id: number }[]; nextCursor: string | null }>,
) {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await load(cursor);
    seen.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("cursor pages over equal timestamps", () => {
  test("When an author's posts share timestamps, then paging the feed newest first sees each exactly once, in order", async () => {
    const author = await userRow();
    await prisma.post.createMany({
      data: TIMES.map((createdAt, i) => ({
        authorId: author.id,
        slug: `tie-${randomUUID()}`,
        title: `Tie ${i}`,
        content: "c",
        createdAt,
      })),
    });
    const expected = (
      await prisma.post.findMany({
        where: { authorId: author.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      })
    ).map((row) => row.id);
    const seen = await pageThrough((cursor) =>
      listFeed(null, { authorId: author.id, limit: 4, cursor }, deps),
    );
    expect(seen).toHaveLength(TIMES.length);
    expect(seen).toEqual(expected);
  });

  test("When a post's comments share timestamps, then paging them oldest first sees each exactly once, in order", async () => {
    const author = await userRow();
    const post = await postRow(author.id);
    await prisma.comment.createMany({
      data: TIMES.map((createdAt, i) => ({
        postId: post.id,
        authorId: author.id,
        body: `Tie ${i}`,
        createdAt,
      })),
    });
    const expected = (
      await prisma.comment.findMany({
        where: { postId: post.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      })
    ).map((row) => row.id);
    const seen = await pageThrough((cursor) =>
      listComments(null, post.id, { limit: 4, cursor }, deps),
    );
    expect(seen).toHaveLength(TIMES.length);
    expect(seen).toEqual(expected);
  });
});
