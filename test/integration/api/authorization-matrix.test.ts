import { prisma } from "wasp/server";
import { beforeAll, describe, expect, test } from "vitest";
import { apiUser, postRow, type ApiUser } from "../../factories";
import { http } from "../../http";

// Every mutating endpoint against every kind of caller: the status must match the table, and a
// refused request must leave the data exactly as it was.
type Actor = "anonymous" | "owner" | "other user" | "admin" | "banned user";
type Case = {
  endpoint: string;
  expected: Record<Actor, number>;
  run: (owner: ApiUser, token: string | undefined) => Promise<{ status: number }>;
  /** A snapshot of what the request could change. */
  state: (owner: ApiUser) => Promise<unknown>;
};

let other: ApiUser;
let admin: ApiUser;
let banned: ApiUser;
beforeAll(async () => {
  [other, admin, banned] = await Promise.all([
    apiUser("matrix-other"),
    apiUser("matrix-admin", { role: "ADMIN" }),
    apiUser("matrix-banned"),
  ]);
  // Banned after the token was issued: the token must stop working at once.
  await prisma.user.update({ where: { id: banned.id }, data: { bannedAt: new Date() } });
});

const postIds = new Map<number, number>();
const postOf = async (owner: ApiUser) => {
  if (!postIds.has(owner.id)) postIds.set(owner.id, (await postRow(owner.id)).id);
  return postIds.get(owner.id)!;
};
const postState = async (owner: ApiUser) =>
  prisma.post.findUnique({ where: { id: await postOf(owner) } });
const userState = (owner: ApiUser) => prisma.user.findUnique({ where: { id: owner.id } });
const commentIds = new Map<number, number>();
const commentOf = async (owner: ApiUser) => {
  if (!commentIds.has(owner.id)) {
    const data = { body: "matrix", postId: await postOf(owner), authorId: owner.id };
    commentIds.set(owner.id, (await prisma.comment.create({ data })).id);
  }
  return commentIds.get(owner.id)!;
};

const cases: Case[] = [
  {
    endpoint: "POST /api/v1/posts",
    expected: { anonymous: 401, owner: 201, "other user": 201, admin: 201, "banned user": 401 },
    run: (owner, token) =>
      http("POST", "/api/v1/posts", { token, body: { title: `matrix ${owner.id}`, content: "m" } }),
    state: (owner) => prisma.post.count({ where: { title: `matrix ${owner.id}` } }),
  },
  {
    endpoint: "PUT /api/v1/posts/:id",
    expected: { anonymous: 401, owner: 200, "other user": 403, admin: 200, "banned user": 401 },
    run: async (owner, token) =>
      http("PUT", `/api/v1/posts/${await postOf(owner)}`, { token, body: { title: "changed" } }),
    state: postState,
  },
  {
    endpoint: "DELETE /api/v1/posts/:id",
    expected: { anonymous: 401, owner: 204, "other user": 403, admin: 204, "banned user": 401 },
    run: async (owner, token) => http("DELETE", `/api/v1/posts/${await postOf(owner)}`, { token }),
    state: postState,
  },
  {
    endpoint: "POST /api/v1/posts/:id/favorite",
    expected: { anonymous: 401, owner: 200, "other user": 200, admin: 200, "banned user": 401 },
    run: async (owner, token) =>
      http("POST", `/api/v1/posts/${await postOf(owner)}/favorite`, { token }),
    state: async (owner) =>
      prisma.post.findUnique({
        where: { id: await postOf(owner) },
        select: { favoritesCount: true, favorites: { select: { userId: true } } },
      }),
  },
  {
    endpoint: "POST /api/v1/posts/:id/comments",
    expected: { anonymous: 401, owner: 201, "other user": 201, admin: 201, "banned user": 401 },
    run: async (owner, token) =>
      http("POST", `/api/v1/posts/${await postOf(owner)}/comments`, {
        token,
        body: { body: "matrix" },
      }),
    state: async (owner) => prisma.comment.count({ where: { postId: await postOf(owner) } }),
  },
  {
    endpoint: "DELETE /api/v1/comments/:id",
    expected: { anonymous: 401, owner: 204, "other user": 403, admin: 204, "banned user": 401 },
    run: async (owner, token) =>
      http("DELETE", `/api/v1/comments/${await commentOf(owner)}`, { token }),
    state: async (owner) => prisma.comment.findUnique({ where: { id: await commentOf(owner) } }),
  },
  {
    // Owners cannot follow themselves.
    endpoint: "POST /api/v1/profiles/:username/follow",
    expected: { anonymous: 401, owner: 403, "other user": 200, admin: 200, "banned user": 401 },
    run: (owner, token) => http("POST", `/api/v1/profiles/${owner.username}/follow`, { token }),
    state: (owner) => prisma.follow.findMany({ where: { followedId: owner.id } }),
  },
  {
    endpoint: "PUT /api/v1/users/:id",
    expected: { anonymous: 401, owner: 200, "other user": 403, admin: 200, "banned user": 401 },
    run: (owner, token) =>
      http("PUT", `/api/v1/users/${owner.id}`, { token, body: { name: "Changed" } }),
    state: userState,
  },
  {
    endpoint: "DELETE /api/v1/users/:id",
    expected: { anonymous: 401, owner: 204, "other user": 403, admin: 204, "banned user": 401 },
    run: (owner, token) => http("DELETE", `/api/v1/users/${owner.id}`, { token }),
    state: userState,
  },
];

const tokenFor = (actor: Actor, owner: ApiUser) =>
  ({
    anonymous: undefined,
    owner: owner.accessToken,
    "other user": other.accessToken,
    admin: admin.accessToken,
    "banned user": banned.accessToken,
  })[actor];

describe.each(cases)("$endpoint", ({ expected, run, state }) => {
  test.each(Object.keys(expected) as Actor[])(
    "When the caller is %s, then the status matches and refusals change nothing",
    async (actor) => {
      const owner = await apiUser("matrix-owner");
      const before = await state(owner);
      const response = await run(owner, tokenFor(actor, owner));
      expect(response.status).toBe(expected[actor]);
      const after = await state(owner);
      if (response.status >= 400) expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
    },
  );
});
