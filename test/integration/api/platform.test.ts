import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser, ban, postRow, unban, webAdmin, type ApiUser } from "../../factories";
import { http, type HttpResponse } from "../../http";

// Tags, favourites, the following feed and slugs through /api/v1, against the shared server
// (real PostgreSQL, and Redis behind the feed cache).

type Post = {
  id: number;
  slug: string;
  tags: string[];
  favoritesCount: number;
  favorited: boolean;
};
type FeedPage = {
  items: { id: number; author: { id: number; following: boolean } }[];
  nextCursor: string | null;
};

const publish = async (author: ApiUser, body: object) => {
  const response = await http("POST", "/api/v1/posts", { token: author.accessToken, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as Post;
};
const ids = (page: { body: { items: { id: number }[] } }) => page.body.items.map((p) => p.id);
const favorite = (user: ApiUser, postId: number) =>
  http("POST", `/api/v1/posts/${postId}/favorite`, { token: user.accessToken });
const unfavorite = (user: ApiUser, postId: number) =>
  http("DELETE", `/api/v1/posts/${postId}/favorite`, { token: user.accessToken });
const follow = (user: ApiUser, whom: ApiUser) =>
  http("POST", `/api/v1/profiles/${whom.username}/follow`, { token: user.accessToken });
/** A tag no other test uses, as a writer might type it. */
const freshTag = (words: string) => `${words} ${randomUUID().slice(0, 6)}`;
const normalised = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, "-");

describe("tags", () => {
  test("When tags differ only in case, spacing and repeats, then the post keeps one normalised tag each, in order", async () => {
    const author = await apiUser("tagger");
    const dragons = freshTag("Dragons");
    const learning = freshTag("Machine  Learning");
    const post = await publish(author, {
      title: "Tagged",
      content: "c",
      tags: [dragons, ` ${dragons.toLowerCase()} `, learning, dragons.toUpperCase()],
    });
    expect(post.tags).toEqual([normalised(dragons), normalised(learning)]);
    expect(normalised(learning)).toMatch(/^machine-learning-/);

    // Another post typing it another way joins the same tag, not a second one.
    await publish(author, { title: "Again", content: "c", tags: [dragons.toUpperCase()] });
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

describe("POST and DELETE /api/v1/posts/:id/favorite", () => {
  test("When a reader favourites twice and unfavourites twice, then the state and the count move once each way", async () => {
    const author = await apiUser("fav-author");
    const reader = await apiUser("fav-reader");
    const post = await postRow(author.id);
    for (const expected of [1, 1]) {
      const response = await favorite(reader, post.id);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: post.id,
        favorited: true,
        favoritesCount: expected,
      });
    }
    expect(await prisma.favorite.count({ where: { postId: post.id } })).toBe(1);
    const mine = await http("GET", `/api/v1/posts/${post.id}`, { token: reader.accessToken });
    expect(mine.body).toMatchObject({ favorited: true, favoritesCount: 1 });
    // The author's view of the same post: counted, but not favourited by them.
    const theirs = await http("GET", `/api/v1/posts/${post.id}`, { token: author.accessToken });
    expect(theirs.body).toMatchObject({ favorited: false, favoritesCount: 1 });
    for (let i = 0; i < 2; i++) {
      const response = await unfavorite(reader, post.id);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ favorited: false, favoritesCount: 0 });
    }
    expect(await prisma.favorite.count({ where: { postId: post.id } })).toBe(0);
  });

  test("When the caller is anonymous, the id is bad or the post is unknown or hidden, then 401, 400 or 404 and nothing is counted", async () => {
    const author = await apiUser("fav-hidden");
    const reader = await apiUser("fav-denied");
    const hidden = await postRow(author.id, { hidden: true });
    const visible = await postRow(author.id);
    expect((await http("POST", `/api/v1/posts/${visible.id}/favorite`)).status).toBe(401);
    expect((await http("DELETE", `/api/v1/posts/${visible.id}/favorite`)).status).toBe(401);
    const badId = await http("POST", "/api/v1/posts/abc/favorite", { token: reader.accessToken });
    expect(badId.status).toBe(400);
    expect((await favorite(reader, 2147483647)).status).toBe(404);
    expect((await favorite(reader, hidden.id)).status).toBe(404);
    expect((await unfavorite(reader, hidden.id)).status).toBe(404);
    const counts = await prisma.post.findMany({
      where: { id: { in: [hidden.id, visible.id] } },
      select: { favoritesCount: true },
    });
    expect(counts).toEqual([{ favoritesCount: 0 }, { favoritesCount: 0 }]);
    expect(await prisma.favorite.count({ where: { userId: reader.id } })).toBe(0);
  });

  test("When 20 readers favourite one post at once, then its count is 20, as many as its favourites", async () => {
    const author = await apiUser("fav-popular");
    const post = await postRow(author.id);
    const readers = await Promise.all(Array.from({ length: 20 }, () => apiUser("fan")));
    const responses = await Promise.all(readers.map((reader) => favorite(reader, post.id)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const read = await http("GET", `/api/v1/posts/${post.id}`);
    expect(read.body.favoritesCount).toBe(20);
    expect(await prisma.favorite.count({ where: { postId: post.id } })).toBe(20);
    // And back down, at once again.
    await Promise.all(readers.slice(0, 15).map((reader) => unfavorite(reader, post.id)));
    expect((await http("GET", `/api/v1/posts/${post.id}`)).body.favoritesCount).toBe(5);
  });

  test("When one reader favourites and unfavourites in parallel, again and again, then the count always equals the favourites", async () => {
    const author = await apiUser("fav-flip");
    const reader = await apiUser("flipper");
    const post = await postRow(author.id);
    for (let round = 0; round < 10; round++) {
      await Promise.all([
        favorite(reader, post.id),
        unfavorite(reader, post.id),
        favorite(reader, post.id),
      ]);
      const rows = await prisma.favorite.count({ where: { postId: post.id } });
      const { favoritesCount } = await prisma.post.findUniqueOrThrow({ where: { id: post.id } });
      expect(rows).toBeLessThanOrEqual(1);
      expect(favoritesCount, `round ${round}`).toBe(rows);
      const seen = await http("GET", `/api/v1/posts/${post.id}`, { token: reader.accessToken });
      expect(seen.body).toMatchObject({ favorited: rows === 1, favoritesCount: rows });
    }
  });

  test("When a reader favourites posts, then ?favoritedBy= lists exactly those, newest first", async () => {
    const author = await apiUser("fav-list-author");
    const reader = await apiUser("fav-lister");
    const [first, , third] = [
      await postRow(author.id),
      await postRow(author.id),
      await postRow(author.id),
    ];
    await favorite(reader, first!.id);
    await favorite(reader, third!.id);
    const list = await http("GET", `/api/v1/posts?favoritedBy=${reader.username.toUpperCase()}`);
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([third!.id, first!.id]);
    const asReader = await http("GET", `/api/v1/posts?favoritedBy=${reader.username}`, {
      token: reader.accessToken,
    });
    expect(asReader.body.items.map((p: Post) => p.favorited)).toEqual([true, true]);
  });
});

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
      const post = await publish(author, { title: `Feed ${i}`, content: "c" });
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
    const post = await publish(author, { title: "Soon banned", content: "c" });
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

describe("slugs and GET /api/v1/posts/by-slug/:slug", () => {
  test("When ten posts with one title are created at once, then each gets its own slug, and each slug finds its post", async () => {
    const author = await apiUser("slugger");
    const title = `Same Title ${randomUUID().slice(0, 8)}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        http("POST", "/api/v1/posts", { token: author.accessToken, body: { title, content: "c" } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const slugs = responses.map((r) => r.body.slug as string);
    expect(new Set(slugs).size).toBe(10);
    const base = title.toLowerCase().replace(/\s+/g, "-");
    expect(slugs).toContain(base);
    for (const slug of slugs) expect(slug.startsWith(base)).toBe(true);
    for (const response of responses) {
      const found = await http("GET", `/api/v1/posts/by-slug/${response.body.slug}`);
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(response.body.id);
    }
  });

  test("When a post is renamed, then its old slug still finds it and no later post can take that slug", async () => {
    const author = await apiUser("renamer");
    const suffix = randomUUID().slice(0, 8);
    const post = await publish(author, { title: `First ${suffix}`, content: "c" });
    expect(post.slug).toBe(`first-${suffix}`);
    const renamed = await http("PUT", `/api/v1/posts/${post.id}`, {
      token: author.accessToken,
      body: { title: `Second ${suffix}` },
    });
    expect(renamed.body.slug).toBe(`second-${suffix}`);
    for (const slug of [`first-${suffix}`, `second-${suffix}`]) {
      const found = await http("GET", `/api/v1/posts/by-slug/${slug}`);
      expect(found.status, slug).toBe(200);
      expect(found.body).toMatchObject({ id: post.id, slug: `second-${suffix}` });
    }
    const later = await publish(author, { title: `First ${suffix}`, content: "c" });
    expect(later.slug).not.toBe(`first-${suffix}`);
    expect((await http("GET", `/api/v1/posts/by-slug/first-${suffix}`)).body.id).toBe(post.id);
  });

  test("When a post is titled like a route segment, then by-slug finds it rather than reading 'by-slug' as an id", async () => {
    const author = await apiUser("route-order");
    const post = await publish(author, { title: "Comments", content: "c" });
    const found = await http("GET", `/api/v1/posts/by-slug/${post.slug}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(post.id);
    // Whichever post holds the slug "comments" (the first one ever titled so), by-slug reads it.
    const plain = await http("GET", "/api/v1/posts/by-slug/comments");
    expect(plain.status).toBe(200);
    expect((await http("GET", "/api/v1/posts/by-slug")).status).toBe(400);
  });

  test("When the slug is unknown, hidden or the author is banned, then 404 for others; the author still reads a hidden one", async () => {
    const admin = await webAdmin("slug-admin");
    const author = await apiUser("slug-hidden");
    const hidden = await postRow(author.id, { hidden: true });
    expect((await http("GET", "/api/v1/posts/by-slug/no-such-slug-ever")).status).toBe(404);
    expect((await http("GET", `/api/v1/posts/by-slug/${hidden.slug}`)).status).toBe(404);
    const own = await http("GET", `/api/v1/posts/by-slug/${hidden.slug}`, {
      token: author.accessToken,
    });
    expect(own.status).toBe(200);
    const visible = await publish(author, { title: "Until the ban", content: "c" });
    await ban(admin, author.id);
    expect((await http("GET", `/api/v1/posts/by-slug/${visible.slug}`)).status).toBe(404);
    expect((await http("GET", `/api/v1/posts/by-slug/${"x".repeat(201)}`)).status).toBe(400);
  });

  test("When a post is read by slug with its ETag, then 304", async () => {
    const author = await apiUser("slug-etag");
    const post = await publish(author, { title: "Conditional", content: "c" });
    const first = await http("GET", `/api/v1/posts/by-slug/${post.slug}`);
    const again = await http("GET", `/api/v1/posts/by-slug/${post.slug}`, {
      headers: { "if-none-match": first.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });
});

describe("GET /api/v1/posts filters", () => {
  test("When the feed is filtered by author, tag or both, then only matching visible posts come back", async () => {
    const [alice, bob] = await Promise.all([apiUser("filter-a"), apiUser("filter-b")]);
    const tag = freshTag("filtered");
    const a1 = await publish(alice, { title: "A1", content: "c", tags: [tag] });
    const a2 = await publish(alice, { title: "A2", content: "c" });
    const b1 = await publish(bob, { title: "B1", content: "c", tags: [tag] });
    const get = async (query: string) => ids(await http("GET", `/api/v1/posts?${query}`));
    expect(await get(`author=${alice.username}`)).toEqual([a2.id, a1.id]);
    expect(await get(`tag=${encodeURIComponent(tag)}`)).toEqual([b1.id, a1.id]);
    expect(await get(`tag=${encodeURIComponent(tag)}&author=${bob.username}`)).toEqual([b1.id]);
    expect(await get("author=nobody_by_this_name")).toEqual([]);
    for (const query of ["author=a", "author=has%20space", "favoritedBy=%00", "tag="]) {
      expect((await http("GET", `/api/v1/posts?${query}`)).status, query).toBe(400);
    }
  });

  test("When a banned user's favourites are asked for, then nothing is listed, as for their profile", async () => {
    const admin = await webAdmin("fav-ban-admin");
    const author = await apiUser("fav-ban-author");
    const fan = await apiUser("fav-banned-fan");
    const post = await postRow(author.id);
    await favorite(fan, post.id);
    const list = () => http("GET", `/api/v1/posts?favoritedBy=${fan.username}`);
    expect(ids(await list())).toEqual([post.id]);
    await ban(admin, fan.id);
    expect(ids(await list())).toEqual([]);
    expect((await http("GET", `/api/v1/profiles/${fan.username}`)).status).toBe(404);
  });
});
