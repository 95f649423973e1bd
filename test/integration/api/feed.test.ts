import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { apiPost, apiUser, ban, postRow, unban, webAdmin, type ApiUser } from "../../factories";
import { http, type HttpResponse } from "../../http";

// GET /api/v1/feed (posts by the people I follow) and the filters of GET /api/v1/posts.

type FeedPage = {
  items: { id: number; author: { id: number; following: boolean } }[];
  nextCursor: string | null;
};
const ids = (page: { body: { items: { id: number }[] } }) => page.body.items.map((p) => p.id);
const follow = (user: ApiUser, whom: ApiUser) =>
  http("POST", `/api/v1/profiles/${whom.username}/follow`, { token: user.accessToken });
const freshTag = (words: string) => `${words} ${randomUUID().slice(0, 6)}`;

describe("GET /api/v1/feed", () => {
  test("When a reader follows two authors, then the feed holds only their visible posts, newest first, paged without gaps", async () => {
    const reader = await apiUser("feed-reader");
    const [b, c, d] = await Promise.all([
      apiUser("followed-b"),
      apiUser("followed-c"),
      apiUser("not-followed"),
    ]);
    expect((await follow(reader, b)).status).toBe(200);
    expect((await follow(reader, c)).status).toBe(200);
    const made: number[] = [];
    for (const [i, author] of [b, c, d, b, c, d, b].entries()) {
      const post = await apiPost(author, { title: `Feed ${i}`, content: "c" });
      if (author !== d) made.push(post.id);
    }
    await postRow(b.id, { hidden: true });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: HttpResponse<FeedPage> = await http<FeedPage>(
        "GET",
        `/api/v1/feed?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token: reader.accessToken },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      for (const post of page.body.items) expect(post.author.following).toBe(true);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.reverse());

    // Unfollowing takes an author's posts out at once.
    await http("DELETE", `/api/v1/profiles/${c.username}/follow`, { token: reader.accessToken });
    const after = await http("GET", "/api/v1/feed?limit=100", { token: reader.accessToken });
    expect(after.body.items.map((p: { author: { id: number } }) => p.author.id)).toEqual(
      Array(3).fill(b.id),
    );
  });

  test("When a followed author is banned, then their posts leave the feed, and come back on unban", async () => {
    const admin = await webAdmin("feed-admin");
    const reader = await apiUser("feed-ban-reader");
    const author = await apiUser("feed-banned");
    await follow(reader, author);
    const post = await apiPost(author, { title: "Soon banned", content: "c" });
    const feed = () => http("GET", "/api/v1/feed", { token: reader.accessToken });
    expect(ids(await feed())).toEqual([post.id]);
    await ban(admin, author.id);
    expect(ids(await feed())).toEqual([]);
    await unban(admin, author.id);
    expect(ids(await feed())).toEqual([post.id]);
  });

  test("When the caller is anonymous or the query is bad, then 401 or 400", async () => {
    const reader = await apiUser("feed-bad");
    expect((await http("GET", "/api/v1/feed")).status).toBe(401);
    for (const query of ["limit=0", "tag=x", "cursor=%%%", "authorId=1"]) {
      const response = await http("GET", `/api/v1/feed?${query}`, { token: reader.accessToken });
      expect(response.status, query).toBe(400);
    }
  });
});

describe("GET /api/v1/posts filters", () => {
  test("When the feed is filtered by author, tag or both, then only matching visible posts come back", async () => {
    const [alice, bob] = await Promise.all([apiUser("filter-a"), apiUser("filter-b")]);
    const tag = freshTag("filtered");
    const a1 = await apiPost(alice, { title: "A1", content: "c", tags: [tag] });
    const a2 = await apiPost(alice, { title: "A2", content: "c" });
    const b1 = await apiPost(bob, { title: "B1", content: "c", tags: [tag] });
    const get = async (query: string) => ids(await http("GET", `/api/v1/posts?${query}`));
    expect(await get(`author=${alice.username}`)).toEqual([a2.id, a1.id]);
    expect(await get(`tag=${encodeURIComponent(tag)}`)).toEqual([b1.id, a1.id]);
    expect(await get(`tag=${encodeURIComponent(tag)}&author=${bob.username}`)).toEqual([b1.id]);
    expect(await get("author=nobody_by_this_name")).toEqual([]);
    for (const query of ["author=a", "author=has%20space", "favoritedBy=%00", "tag="]) {
      expect((await http("GET", `/api/v1/posts?${query}`)).status, query).toBe(400);
    }
  });
});
