import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import {
  apiAdmin,
  apiUser,
  ban,
  PASSWORD,
  postRow,
  uniqueEmail,
  uniqueUsername,
  webAdmin,
  type ApiUser,
} from "../../factories";
import { http } from "../../http";

// Handles, profiles and follows through /api/v1, and what an account's deletion takes with it.

const profile = (username: string, user?: ApiUser) =>
  http("GET", `/api/v1/profiles/${username}`, { token: user?.accessToken });
const follow = (user: ApiUser | null, username: string) =>
  http("POST", `/api/v1/profiles/${username}/follow`, { token: user?.accessToken });
const unfollow = (user: ApiUser | null, username: string) =>
  http("DELETE", `/api/v1/profiles/${username}/follow`, { token: user?.accessToken });
const register = (body: object) => http("POST", "/api/v1/auth/register", { body });

describe("GET /api/v1/profiles/:username", () => {
  test("When a profile is read in any case, then its public fields come back, never the email", async () => {
    const user = await apiUser("profiled");
    await http("PUT", `/api/v1/users/${user.id}`, {
      token: user.accessToken,
      body: { bio: "I write", image: "https://example.com/me.png" },
    });
    const response = await profile(user.username.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: user.id,
      username: user.username,
      name: user.name,
      bio: "I write",
      image: "https://example.com/me.png",
      following: false,
    });
  });

  test("When the username is malformed, then 400; when nobody has it, then 404", async () => {
    for (const username of ["ab", "has%20space", "a%2Fb", "x".repeat(33), "%00abc"]) {
      expect((await profile(username)).status, username).toBe(400);
    }
    expect((await profile(uniqueUsername("nobody"))).status).toBe(404);
  });

  test("When a user is banned, then their profile is gone for others (both ways of asking) but not for admins", async () => {
    const moderator = await webAdmin("p-ban-admin");
    const admin = await apiAdmin("p-ban-api-admin");
    const reader = await apiUser("p-ban-reader");
    const banned = await apiUser("p-banned");
    await ban(moderator, banned.id);
    expect((await profile(banned.username)).status).toBe(404);
    expect((await profile(banned.username, reader)).status).toBe(404);
    expect((await profile(banned.username, admin)).status).toBe(200);
    expect((await http("GET", `/api/v1/users/${banned.id}`)).status).toBe(404);
    const asReader = await http("GET", `/api/v1/users/${banned.id}`, { token: reader.accessToken });
    expect(asReader.status).toBe(404);
    const asAdmin = await http("GET", `/api/v1/users/${banned.id}`, { token: admin.accessToken });
    expect(asAdmin.body).toMatchObject({ id: banned.id, bannedAt: expect.any(String) });
    expect((await follow(reader, banned.username)).status).toBe(404);
    expect(await prisma.follow.count({ where: { followedId: banned.id } })).toBe(0);
  });
});

describe("POST and DELETE /api/v1/profiles/:username/follow", () => {
  test("When a reader follows twice and unfollows twice, then one follow exists, then none, and the profile says so", async () => {
    const reader = await apiUser("follower");
    const writer = await apiUser("followee");
    for (let i = 0; i < 2; i++) {
      const response = await follow(reader, writer.username);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: writer.id, following: true });
    }
    expect(await prisma.follow.count({ where: { followerId: reader.id } })).toBe(1);
    expect((await profile(writer.username, reader)).body.following).toBe(true);
    expect((await profile(writer.username)).body.following).toBe(false);
    // The writer does not follow back by being followed.
    expect((await profile(reader.username, writer)).body.following).toBe(false);
    for (let i = 0; i < 2; i++) {
      const response = await unfollow(reader, writer.username);
      expect(response.status).toBe(200);
      expect(response.body.following).toBe(false);
    }
    expect(await prisma.follow.count({ where: { followerId: reader.id } })).toBe(0);
  });

  test("When follows race (ten at once, then follow and unfollow together), then no error and at most one follow", async () => {
    const reader = await apiUser("race-follower");
    const writer = await apiUser("race-followee");
    const tens = await Promise.all(
      Array.from({ length: 10 }, () => follow(reader, writer.username)),
    );
    expect(tens.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await prisma.follow.count({ where: { followerId: reader.id } })).toBe(1);
    const mixed = await Promise.all([
      unfollow(reader, writer.username),
      follow(reader, writer.username),
      unfollow(reader, writer.username),
    ]);
    expect(mixed.map((r) => r.status)).toEqual([200, 200, 200]);
    const count = await prisma.follow.count({ where: { followerId: reader.id } });
    expect(count).toBeLessThanOrEqual(1);
    expect((await profile(writer.username, reader)).body.following).toBe(count === 1);
  });

  test("When the caller is anonymous, follows themselves or an unknown or malformed handle, then 401, 403, 404 or 400", async () => {
    const user = await apiUser("self-follower");
    expect((await follow(null, user.username)).status).toBe(401);
    expect((await unfollow(null, user.username)).status).toBe(401);
    const self = await follow(user, user.username.toUpperCase());
    expect(self.status).toBe(403);
    expect(self.headers.get("content-type")).toContain("application/problem+json");
    expect((await follow(user, uniqueUsername("ghost"))).status).toBe(404);
    expect((await unfollow(user, uniqueUsername("ghost"))).status).toBe(404);
    expect((await follow(user, "no")).status).toBe(400);
    expect(await prisma.follow.count({ where: { followerId: user.id } })).toBe(0);
  });
});

describe("handles at registration and on PUT /api/v1/users/:id", () => {
  test("When someone registers a username that is taken in any case, then 409 names the field and no account is made", async () => {
    const first = await apiUser("handle-owner");
    const email = uniqueEmail("handle-thief");
    const response = await register({
      email,
      username: first.username.toUpperCase(),
      name: "Thief",
      password: PASSWORD,
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body.errors).toEqual([
      { field: "username", message: "This username is taken" },
    ]);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  test("When someone registers without a username, then one is made from the name, and the same name gets another", async () => {
    const name = `Ada ${uniqueUsername("x").slice(-8)}`;
    const first = await register({ email: uniqueEmail("gen1"), name, password: PASSWORD });
    const second = await register({ email: uniqueEmail("gen2"), name, password: PASSWORD });
    expect([first.status, second.status]).toEqual([201, 201]);
    const handle = name.toLowerCase().replace(" ", "_");
    expect(first.body.user.username).toBe(handle);
    expect(second.body.user.username).toBe(`${handle}_2`);
    const onlyHandle = await register({
      email: uniqueEmail("gen3"),
      username: uniqueUsername("only"),
      password: PASSWORD,
    });
    expect(onlyHandle.status).toBe(201);
    expect(onlyHandle.body.user.name).toBe(onlyHandle.body.user.username);
  });

  test("When five people with one name register at once without usernames, then all succeed with different handles", async () => {
    const name = `Grace ${uniqueUsername("x").slice(-8)}`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        register({ email: uniqueEmail(`same-name-${i}`), name, password: PASSWORD }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(new Set(responses.map((r) => r.body.user.username)).size).toBe(5);
  });

  test("When a user takes another's handle, a malformed one or a bad image, then 400 or 409 and nothing changes", async () => {
    const owner = await apiUser("handle-kept");
    const user = await apiUser("handle-changer");
    const put = (body: object) =>
      http("PUT", `/api/v1/users/${user.id}`, { token: user.accessToken, body });
    const taken = await put({ username: owner.username.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ field: "username", message: "This username is taken" }]);
    for (const body of [
      { username: "no" },
      { username: "with space" },
      { image: "javascript:alert(1)" },
      { image: "ftp://example.com/x.png" },
      { bio: "x".repeat(1001) },
    ]) {
      expect((await put(body)).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ username: user.username, image: null, bio: null });
    const changed = await put({ username: `${user.username}_b`, bio: "  ", image: "" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: `${user.username}_b`, bio: null, image: null });
  });
});

describe("DELETE /api/v1/users/:id erases what the account did", () => {
  test("When an account is deleted, then its comments, favourites and follows go, and others' favourite counts drop", async () => {
    const leaver = await apiUser("erased");
    const writer = await apiUser("erased-writer");
    const fan = await apiUser("erased-fan");
    const post = await postRow(writer.id);
    const own = await postRow(leaver.id);
    const asLeaver = { token: leaver.accessToken };
    await http("POST", `/api/v1/posts/${post.id}/favorite`, asLeaver);
    await http("POST", `/api/v1/posts/${post.id}/favorite`, { token: fan.accessToken });
    await http("POST", `/api/v1/posts/${own.id}/favorite`, { token: fan.accessToken });
    await http("POST", `/api/v1/posts/${post.id}/comments`, { ...asLeaver, body: { body: "bye" } });
    await http("POST", `/api/v1/posts/${own.id}/comments`, {
      token: fan.accessToken,
      body: { body: "on the leaver's post" },
    });
    await http("POST", `/api/v1/profiles/${writer.username}/follow`, asLeaver);
    await http("POST", `/api/v1/profiles/${leaver.username}/follow`, { token: fan.accessToken });
    const feed = () => http("GET", `/api/v1/posts?authorId=${writer.id}`);
    expect((await feed()).body.items[0].favoritesCount).toBe(2);

    expect((await http("DELETE", `/api/v1/users/${leaver.id}`, asLeaver)).status).toBe(204);

    expect(await prisma.comment.count({ where: { authorId: leaver.id } })).toBe(0);
    expect(await prisma.comment.count({ where: { postId: own.id } })).toBe(0);
    expect(await prisma.favorite.count({ where: { userId: leaver.id } })).toBe(0);
    expect(await prisma.favorite.count({ where: { postId: own.id } })).toBe(0);
    expect(
      await prisma.follow.count({
        where: { OR: [{ followerId: leaver.id }, { followedId: leaver.id }] },
      }),
    ).toBe(0);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({
      favoritesCount: 1,
    });
    // The cached feed, the post and the comments show it at once.
    expect((await feed()).body.items[0].favoritesCount).toBe(1);
    expect((await http("GET", `/api/v1/posts/${post.id}`)).body.favoritesCount).toBe(1);
    const thread = await http("GET", `/api/v1/posts/${post.id}/comments`);
    expect(thread.body.items).toEqual([]);
    expect((await profile(leaver.username)).status).toBe(404);
    // The fan's favourite of the writer's post stays theirs.
    const asFan = await http("GET", `/api/v1/posts/${post.id}`, { token: fan.accessToken });
    expect(asFan.body.favorited).toBe(true);
  });

  test("When an account favourites posts while it is being deleted, then no post keeps a count for a favourite that is gone", async () => {
    const writer = await apiUser("erase-race-writer");
    for (let round = 0; round < 8; round++) {
      const leaver = await apiUser("erase-race-leaver");
      const posts = await Promise.all(Array.from({ length: 6 }, () => postRow(writer.id)));
      const asLeaver = { token: leaver.accessToken };
      const [deleted, ...favourites] = await Promise.all([
        http("DELETE", `/api/v1/users/${leaver.id}`, asLeaver),
        ...posts.map((post) => http("POST", `/api/v1/posts/${post.id}/favorite`, asLeaver)),
      ]);
      expect(deleted!.status).toBe(204);
      // Before the deletion, or after it (the token or the user is gone): never a 500.
      for (const { status } of favourites) expect([200, 401, 404]).toContain(status);
      const rows = await prisma.post.findMany({
        where: { id: { in: posts.map((post) => post.id) } },
        select: { id: true, favoritesCount: true, _count: { select: { favorites: true } } },
      });
      for (const row of rows)
        expect(row.favoritesCount, `round ${round}`).toBe(row._count.favorites);
    }
  });

  test("When many accounts that favourited one post are deleted at once, then its count matches what is left", async () => {
    const writer = await apiUser("erase-many-writer");
    const post = await postRow(writer.id);
    const fans = await Promise.all(Array.from({ length: 8 }, () => apiUser("erase-many-fan")));
    await Promise.all(
      fans.map((fan) =>
        http("POST", `/api/v1/posts/${post.id}/favorite`, { token: fan.accessToken }),
      ),
    );
    const leaving = fans.slice(0, 5);
    const results = await Promise.all(
      leaving.map((fan) => http("DELETE", `/api/v1/users/${fan.id}`, { token: fan.accessToken })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(204));
    expect((await http("GET", `/api/v1/posts/${post.id}`)).body.favoritesCount).toBe(3);
    expect(await prisma.favorite.count({ where: { postId: post.id } })).toBe(3);
  });
});
