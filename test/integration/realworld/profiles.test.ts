import { prisma } from "wasp/server";
import { describe, expect, test } from "vitest";
import { idOf, rw, rwUser } from "../../realworld";

// Profiles and follows through the RealWorld door.

describe("profiles", () => {
  test("When a profile is read, then exactly the spec's fields, found by its handle in any case", async () => {
    const celeb = await rwUser("celeb");
    await rw("PUT", "/user", { token: celeb.token, body: { user: { bio: "Famous" } } });
    const response = await rw("GET", `/profiles/${celeb.username.toUpperCase()}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      profile: { username: celeb.username, bio: "Famous", image: null, following: false },
    });
  });

  test("When someone follows twice and unfollows twice, then each answer says so and one follow row existed", async () => {
    const fan = await rwUser("follower");
    const celeb = await rwUser("followed");
    for (let i = 0; i < 2; i++) {
      const response = await rw("POST", `/profiles/${celeb.username}/follow`, { token: fan.token });
      expect(response.status).toBe(200);
      expect(response.body.profile).toMatchObject({ username: celeb.username, following: true });
    }
    expect(await prisma.follow.count({ where: { followedId: await idOf(celeb) } })).toBe(1);
    const seen = await rw("GET", `/profiles/${celeb.username}`, { token: fan.token });
    expect(seen.body.profile.following).toBe(true);
    const anonymous = await rw("GET", `/profiles/${celeb.username}`);
    expect(anonymous.body.profile.following).toBe(false);
    for (let i = 0; i < 2; i++) {
      const response = await rw("DELETE", `/profiles/${celeb.username}/follow`, {
        token: fan.token,
      });
      expect(response.status).toBe(200);
      expect(response.body.profile.following).toBe(false);
    }
    expect(await prisma.follow.count({ where: { followedId: await idOf(celeb) } })).toBe(0);
  });

  test("When the profile is unknown, then 404 profile not found, signed in or not; following needs a token", async () => {
    const user = await rwUser("seeker");
    expect((await rw("GET", "/profiles/nobody_like_this")).body).toEqual({
      errors: { profile: ["not found"] },
    });
    for (const method of ["POST", "DELETE"]) {
      const unknown = await rw(method, "/profiles/nobody_like_this/follow", { token: user.token });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ errors: { profile: ["not found"] } });
      const anonymous = await rw(method, `/profiles/${user.username}/follow`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ errors: { token: ["is missing"] } });
    }
  });

  test("When someone tries to follow themselves, then 403 profile forbidden", async () => {
    const user = await rwUser("narcissus");
    const response = await rw("POST", `/profiles/${user.username}/follow`, { token: user.token });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ errors: { profile: ["forbidden"] } });
  });

  test("When a user is banned, then their profile is not found and cannot be followed", async () => {
    const fan = await rwUser("fanofbanned");
    const banned = await rwUser("bannedprofile");
    await prisma.user.update({ where: { id: await idOf(banned) }, data: { bannedAt: new Date() } });
    expect((await rw("GET", `/profiles/${banned.username}`)).status).toBe(404);
    const follow = await rw("POST", `/profiles/${banned.username}/follow`, { token: fan.token });
    expect(follow.status).toBe(404);
  });
});
