import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { apiUser, ban, postRow, webAdmin, type ApiUser } from "../../factories";
import { http } from "../../http";

// Favourites through /api/v1: idempotent, counted exactly under concurrency, listed by
// ?favoritedBy= (never a banned user's).

type Post = { id: number; favorited: boolean };
const ids = (page: { body: { items: { id: number }[] } }) => page.body.items.map((p) => p.id);
const favorite = (user: ApiUser, postId: number) =>
  http("POST", `/api/v1/posts/${postId}/favorite`, { token: user.accessToken });
const unfavorite = (user: ApiUser, postId: number) =>
  http("DELETE", `/api/v1/posts/${postId}/favorite`, { token: user.accessToken });

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
