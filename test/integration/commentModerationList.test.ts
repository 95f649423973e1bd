import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { listCommentsForModeration } from "../../src/moderation/commentModeration.service";
import type { ModerationCommentView } from "../../src/moderation/moderation.schemas";
import { asViewer, commentRow, postRow, signedUpUser, userRow } from "../factories";
import { operation } from "../http";

// The admin comment list (the Comments panel of /admin): every comment, hidden ones too,
// newest first, walked with a keyset cursor. Other tests add comments to the same database at
// the same time, so these look for their own rows in the pages rather than at fixed positions.

const deps = { db: prisma };

/** Every page of the list, each cursor followed, until none is left or `ids` were all seen. */
async function walk(args: { hiddenOnly?: boolean; limit: number }, ids: number[]) {
  const moderator = asViewer(await userRow({ role: "ADMIN" }));
  const pages: ModerationCommentView[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listCommentsForModeration(moderator, { ...args, cursor }, deps);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && !ids.every((id) => pages.flat().some((c) => c.id === id)));
  return pages;
}

async function scene() {
  const author = await userRow({ name: "Poster" });
  const commenter = await userRow({ name: "Listed Commenter" });
  const post = await postRow(author.id, { title: "Listed post" });
  const older = await commentRow(post.id, commenter.id, { body: "Older\n\n  words" });
  const hidden = await commentRow(post.id, commenter.id, { body: "Hidden one", hidden: true });
  const newer = await commentRow(post.id, commenter.id, { body: "Newer" });
  return { post, commenter, older, hidden, newer };
}

describe("the admin comment list", () => {
  test("When an admin lists comments, then hidden ones are there too, newest first, with author and post", async () => {
    const { post, commenter, older, hidden, newer } = await scene();
    const [first] = await walk({ limit: 100 }, [older.id]);
    const mine = first!.filter((c) => c.post.id === post.id);
    expect(mine.map((c) => c.id)).toEqual([newer.id, hidden.id, older.id]);
    expect(mine[1]).toMatchObject({ hiddenReason: "spam", excerpt: "Hidden one" });
    expect(mine[1]!.hiddenAt).toBeInstanceOf(Date);
    expect(mine[2]).toMatchObject({
      excerpt: "Older words",
      hiddenAt: null,
      author: { id: commenter.id, name: "Listed Commenter" },
      post: { id: post.id, title: "Listed post" },
    });
    expect(mine[2]).not.toHaveProperty("body");
  });

  test("When pages of 1 are walked, then every comment comes once, in order, across the cursors", async () => {
    const { older, hidden, newer } = await scene();
    const pages = await walk({ limit: 1 }, [older.id]);
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    const ids = pages.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = ids.filter((id) => [older.id, hidden.id, newer.id].includes(id));
    expect(mine).toEqual([newer.id, hidden.id, older.id]);
  });

  test("When only hidden comments are asked for, then visible ones are left out", async () => {
    const { older, hidden, newer } = await scene();
    const pages = await walk({ hiddenOnly: true, limit: 2 }, [hidden.id]);
    const all = pages.flat();
    expect(all.every((c) => c.hiddenAt !== null)).toBe(true);
    expect(all.map((c) => c.id)).toContain(hidden.id);
    expect(all.map((c) => c.id)).not.toContain(older.id);
    expect(all.map((c) => c.id)).not.toContain(newer.id);
  });

  test("When a non-admin or nobody asks over HTTP, then 403 or 401; an admin gets the page", async () => {
    const { hidden } = await scene();
    const user = await signedUpUser("nosy");
    const refused = await operation("get-moderation-comments", { limit: 5 }, user.sessionId);
    expect(refused.status).toBe(403);
    const anonymous = await operation("get-moderation-comments", { limit: 5 });
    expect(anonymous.status).toBe(401);

    const moderator = await signedUpUser("moderator");
    await prisma.user.update({ where: { id: moderator.id }, data: { role: "ADMIN" } });
    const page = await operation<{ items: { id: number }[] }>(
      "get-moderation-comments",
      { hiddenOnly: true, limit: 100 },
      moderator.sessionId,
    );
    expect(page.status).toBe(200);
    expect(page.data.items.map((c) => c.id)).toContain(hidden.id);
  });

  test("When the cursor is garbage, then the input is refused with a field error", async () => {
    const moderator = asViewer(await userRow({ role: "ADMIN" }));
    await expect(
      listCommentsForModeration(moderator, { cursor: "not-a-cursor" }, deps),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
