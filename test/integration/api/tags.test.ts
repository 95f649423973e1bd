import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiPost, apiUser } from "../../factories";
import { http } from "../../http";

// Tags through /api/v1: normalised once for every door, listed by GET /tags.

/** A tag no other test uses, as a writer might type it. */
const freshTag = (words: string) => `${words} ${randomUUID().slice(0, 6)}`;
const normalised = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, "-");

describe("tags", () => {
  test("When tags differ only in case, spacing and repeats, then the post keeps one normalised tag each, in order", async () => {
    const author = await apiUser("tagger");
    const dragons = freshTag("Dragons");
    const learning = freshTag("Machine  Learning");
    const post = await apiPost(author, {
      title: "Tagged",
      content: "c",
      tags: [dragons, ` ${dragons.toLowerCase()} `, learning, dragons.toUpperCase()],
    });
    expect(post.tags).toEqual([normalised(dragons), normalised(learning)]);
    expect(normalised(learning)).toMatch(/^machine-learning-/);

    // Another post typing it another way joins the same tag, not a second one.
    await apiPost(author, { title: "Again", content: "c", tags: [dragons.toUpperCase()] });
    expect(await prisma.tag.count({ where: { name: { startsWith: normalised(dragons) } } })).toBe(
      1,
    );
    const byTag = await http("GET", `/api/v1/posts?tag=${encodeURIComponent(` ${dragons} `)}`);
    expect(byTag.status).toBe(200);
    expect(byTag.body.items).toHaveLength(2);

    const tags = await http("GET", "/api/v1/tags");
    expect(tags.status).toBe(200);
    const listed = (tags.body.tags as string[]).filter((t) => t === normalised(dragons));
    expect(listed).toEqual([normalised(dragons)]);
    expect(tags.body.tags).toContain(normalised(learning));
  });

  test("When GET /tags is asked again with its ETag, then 304; with an unknown parameter, then 400", async () => {
    const first = await http("GET", "/api/v1/tags");
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await http("GET", "/api/v1/tags", { headers: { "if-none-match": etag } });
    // Another test may have tagged a post in between: then a fresh 200.
    expect([200, 304]).toContain(again.status);
    expect((await http("GET", "/api/v1/tags?limit=5")).status).toBe(400);
  });

  test("When a tag is invalid, then 400 names it and nothing is stored", async () => {
    const author = await apiUser("bad-tags");
    for (const tags of [["a/b"], ["   "], ["x".repeat(100)], "dragons", [1]]) {
      const response = await http("POST", "/api/v1/posts", {
        token: author.accessToken,
        body: { title: "Bad tags", content: "c", tags },
      });
      expect(response.status, JSON.stringify(tags)).toBe(400);
      expect(response.body.errors[0].field).toMatch(/^tags/);
    }
    expect(await prisma.post.count({ where: { authorId: author.id } })).toBe(0);
    expect((await http("GET", "/api/v1/posts?tag=a%2Fb")).status).toBe(400);
  });

  test("When posts bring the same new tags in opposite orders at once, then all succeed and each tag exists once", async () => {
    const author = await apiUser("tag-race");
    // Half the writers name the new tags backwards. Claiming the new rows in opposite orders
    // can deadlock (the bare INSERT did, a few rounds in a hundred): setTags claims them sorted.
    for (let round = 0; round < 5; round++) {
      const tags = Array.from({ length: 10 }, (_, i) => freshTag(`race ${i}`));
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          http("POST", "/api/v1/posts", {
            token: author.accessToken,
            body: { title: `Race ${i}`, content: "c", tags: i % 2 ? [...tags].reverse() : tags },
          }),
        ),
      );
      expect(
        results.map((r) => r.status),
        `round ${round}`,
      ).toEqual(Array(6).fill(201));
      expect(await prisma.tag.count({ where: { name: { in: tags.map(normalised) } } })).toBe(10);
    }
  });
});
