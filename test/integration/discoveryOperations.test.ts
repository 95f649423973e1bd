import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { operation } from "../http";
import { signedUpUser } from "../factories";

// The discovery pages' Wasp operations over HTTP: profiles, follows, the following feed and
// search go through the same services as REST, so the same refusals hold for the browser.
describe("discovery operations over HTTP", () => {
  test("When a user follows an author, then the profile says so and the author's posts fill the following feed", async () => {
    const author = await signedUpUser("author");
    const reader = await signedUpUser("reader");
    const { data: post } = await operation(
      "create-post",
      { title: "For followers", content: "x" },
      author.sessionId,
    );
    const before = await operation("get-following-feed", {}, reader.sessionId);
    expect(before).toMatchObject({ status: 200, data: { items: [] } });

    const followed = await operation(
      "follow-user",
      { username: author.username },
      reader.sessionId,
    );
    expect(followed).toMatchObject({ status: 200, data: { id: author.id, following: true } });
    const profile = await operation("get-profile", { username: author.username }, reader.sessionId);
    expect(profile).toMatchObject({
      status: 200,
      data: { username: author.username, name: author.name, following: true },
    });
    const feed = await operation("get-following-feed", {}, reader.sessionId);
    expect(feed.data.items.map((item: { id: number }) => item.id)).toEqual([post.id]);

    const unfollowed = await operation(
      "unfollow-user",
      { username: author.username },
      reader.sessionId,
    );
    expect(unfollowed).toMatchObject({ status: 200, data: { following: false } });
    expect(await prisma.follow.count({ where: { followerId: reader.id } })).toBe(0);
  });

  test("When an anonymous visitor follows or reads a following feed, then 401 and nothing is stored", async () => {
    const author = await signedUpUser("author");
    expect((await operation("follow-user", { username: author.username })).status).toBe(401);
    expect((await operation("get-following-feed", {})).status).toBe(401);
    expect(await prisma.follow.count({ where: { followedId: author.id } })).toBe(0);
    const profile = await operation("get-profile", { username: author.username });
    expect(profile).toMatchObject({ status: 200, data: { following: false } });
  });

  test("When a user follows themselves, then it is refused and nothing is stored", async () => {
    const user = await signedUpUser("narcissus");
    const response = await operation("follow-user", { username: user.username }, user.sessionId);
    expect(response.status).toBe(403);
    expect(await prisma.follow.count({ where: { followerId: user.id } })).toBe(0);
  });

  test("When the handle is unknown or banned, then profile and follow answer 404", async () => {
    const reader = await signedUpUser("reader");
    const banned = await signedUpUser("banned");
    await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });
    for (const username of ["nobody_" + randomUUID().slice(0, 8), banned.username]) {
      expect((await operation("get-profile", { username })).status).toBe(404);
      expect((await operation("follow-user", { username }, reader.sessionId)).status).toBe(404);
    }
  });

  test("When posts are searched, then matches come ranked with paging and a blank query is refused", async () => {
    const author = await signedUpUser("author");
    const word = `zq${randomUUID()
      .replace(/[^a-f]/g, "")
      .slice(0, 10)}`;
    for (const title of ["one", "two", "three"]) {
      await operation("create-post", { title: `${word} ${title}`, content: "x" }, author.sessionId);
    }
    const first = await operation("search-posts", { q: word, limit: 2 });
    expect(first).toMatchObject({ status: 200, data: { nextOffset: 2 } });
    expect(first.data.items).toHaveLength(2);
    const rest = await operation("search-posts", { q: word, limit: 2, offset: 2 });
    expect(rest).toMatchObject({ status: 200, data: { nextOffset: null } });
    expect(rest.data.items).toHaveLength(1);
    expect((await operation("search-posts", { q: "  " })).status).toBe(400);
  });
});
