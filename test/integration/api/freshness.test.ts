import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { apiUser, ban, postRow, unban, webAdmin, type ApiUser } from "../../factories";
import { http } from "../../http";

// The shared server caches feed pages (and the tag list) in Redis. After any write a feed or
// the tag list shows, the very next read must show it: each test reads once to fill the cache,
// reads again (served from it), writes, and reads.

type Page = { items: PostItem[] };
type PostItem = {
  id: number;
  favoritesCount: number;
  tags: string[];
  author: { name: string; username: string; bio: string | null; image: string | null };
};

/** An anonymous read of GET /api/v1/posts, the cached path; twice, so the second is a hit. */
async function cachedFeed(query: string): Promise<PostItem[]> {
  await http("GET", `/api/v1/posts?${query}`);
  const response = await http<Page>("GET", `/api/v1/posts?${query}`);
  expect(response.status).toBe(200);
  return response.body.items;
}
const feedNow = async (query: string) =>
  (await http<Page>("GET", `/api/v1/posts?${query}`)).body.items;
const tagsNow = async () => (await http("GET", "/api/v1/tags")).body.tags as string[];
const favorite = (method: "POST" | "DELETE", user: ApiUser, postId: number) =>
  http(method, `/api/v1/posts/${postId}/favorite`, { token: user.accessToken });

describe("feed cache freshness after the platform's writes", () => {
  test("When a post is favourited or unfavourited, then the next GET /posts shows its count", async () => {
    const author = await apiUser("fresh-fav-author");
    const reader = await apiUser("fresh-fav-reader");
    const post = await postRow(author.id);
    const query = `authorId=${author.id}`;
    expect((await cachedFeed(query))[0]!.favoritesCount).toBe(0);
    await favorite("POST", reader, post.id);
    expect((await feedNow(query))[0]!.favoritesCount).toBe(1);
    expect((await cachedFeed(`favoritedBy=${reader.username}`)).map((p) => p.id)).toEqual([
      post.id,
    ]);
    await favorite("DELETE", reader, post.id);
    expect((await feedNow(query))[0]!.favoritesCount).toBe(0);
    expect(await feedNow(`favoritedBy=${reader.username}`)).toEqual([]);
  });

  test("When an author changes name, handle, bio or picture, then the next GET /posts shows it", async () => {
    const author = await apiUser("fresh-profile");
    await postRow(author.id);
    const query = `authorId=${author.id}`;
    const byHandle = `author=${author.username}`;
    expect(await cachedFeed(byHandle)).toHaveLength(1);
    const changes = [
      { name: "Renamed Author" },
      { bio: "Now with a bio" },
      { image: "https://example.com/avatar.png" },
      { username: `${author.username}_new` },
    ];
    for (const change of changes) {
      await cachedFeed(query);
      const response = await http("PUT", `/api/v1/users/${author.id}`, {
        token: author.accessToken,
        body: change,
      });
      expect(response.status).toBe(200);
      expect((await feedNow(query))[0]!.author).toMatchObject(change);
    }
    expect(await feedNow(byHandle)).toEqual([]);
    expect(await feedNow(`author=${author.username}_new`)).toHaveLength(1);
  });

  test("When a post's tags change, then the next GET /posts?tag= and GET /tags show it", async () => {
    const author = await apiUser("fresh-tags");
    const [before, after] = [
      `before-${randomUUID().slice(0, 8)}`,
      `after-${randomUUID().slice(0, 8)}`,
    ];
    const created = await http("POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title: "Retagged", content: "c", tags: [before] },
    });
    const id = created.body.id as number;
    expect((await cachedFeed(`tag=${before}`)).map((p) => p.id)).toEqual([id]);
    await cachedFeed(`tag=${after}`);
    await tagsNow();
    expect(await tagsNow()).toContain(before);
    await http("PUT", `/api/v1/posts/${id}`, {
      token: author.accessToken,
      body: { tags: [after] },
    });
    expect(await feedNow(`tag=${before}`)).toEqual([]);
    expect((await feedNow(`tag=${after}`)).map((p) => p.id)).toEqual([id]);
    expect((await feedNow(`authorId=${author.id}`))[0]!.tags).toEqual([after]);
    const tags = await tagsNow();
    expect(tags).toContain(after);
    expect(tags).not.toContain(before);
  });

  test("When an author is banned and unbanned, then the next GET /posts and GET /tags drop and restore their posts", async () => {
    const admin = await webAdmin("fresh-ban-admin");
    const author = await apiUser("fresh-banned");
    const tag = `banned-${randomUUID().slice(0, 8)}`;
    const created = await http("POST", "/api/v1/posts", {
      token: author.accessToken,
      body: { title: "Soon gone", content: "c", tags: [tag] },
    });
    expect((await cachedFeed(`tag=${tag}`)).map((p) => p.id)).toEqual([created.body.id]);
    await tagsNow();
    expect(await tagsNow()).toContain(tag);
    await ban(admin, author.id);
    expect(await feedNow(`tag=${tag}`)).toEqual([]);
    expect(await feedNow(`authorId=${author.id}`)).toEqual([]);
    expect(await tagsNow()).not.toContain(tag);
    await unban(admin, author.id);
    expect((await feedNow(`tag=${tag}`)).map((p) => p.id)).toEqual([created.body.id]);
    expect(await tagsNow()).toContain(tag);
  });

  test("When an account is deleted, then the next GET /posts drops its posts and its favourites from others' counts", async () => {
    const leaver = await apiUser("fresh-leaver");
    const writer = await apiUser("fresh-writer");
    const tag = `leaver-${randomUUID().slice(0, 8)}`;
    await http("POST", "/api/v1/posts", {
      token: leaver.accessToken,
      body: { title: "Leaving", content: "c", tags: [tag] },
    });
    const post = await postRow(writer.id);
    await favorite("POST", leaver, post.id);
    expect(await cachedFeed(`tag=${tag}`)).toHaveLength(1);
    expect((await cachedFeed(`authorId=${writer.id}`))[0]!.favoritesCount).toBe(1);
    await tagsNow();
    await http("DELETE", `/api/v1/users/${leaver.id}`, { token: leaver.accessToken });
    expect(await feedNow(`tag=${tag}`)).toEqual([]);
    expect((await feedNow(`authorId=${writer.id}`))[0]!.favoritesCount).toBe(0);
    expect(await tagsNow()).not.toContain(tag);
  });

  test("When a signed-in reader favourites or follows, then their own next read shows their flags", async () => {
    const author = await apiUser("fresh-flags-author");
    const reader = await apiUser("fresh-flags-reader");
    await postRow(author.id);
    const query = `authorId=${author.id}`;
    const mine = async () =>
      (await http("GET", `/api/v1/posts?${query}`, { token: reader.accessToken })).body.items[0];
    await cachedFeed(query);
    expect(await mine()).toMatchObject({ favorited: false, author: { following: false } });
    const [post] = await feedNow(query);
    await favorite("POST", reader, post!.id);
    await http("POST", `/api/v1/profiles/${author.username}/follow`, { token: reader.accessToken });
    expect(await mine()).toMatchObject({ favorited: true, author: { following: true } });
    // Anonymous readers share the cached page, without anyone's flags.
    expect((await feedNow(query))[0]).toMatchObject({
      favorited: false,
      author: { following: false },
    });
  });
});
