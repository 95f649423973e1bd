import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { http, operation } from "./http";

// Test data factories: every call makes fresh, uniquely named rows, so tests never see each
// other's data and need no global cleanup.
export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@test.inkwell`;
/** A fresh handle (3–32 characters: the label is cut to fit). */
export const uniqueUsername = (label = "user") =>
  `${label.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 20)}_${randomUUID().slice(0, 8)}`;

export const PASSWORD = "correct horse battery 9";

/** A user made through the browser's sign-up endpoint (Wasp email auth), signed in. */
export async function signedUpUser(label = "user") {
  const email = uniqueEmail(label);
  const signup = await http("POST", "/auth/email/signup", {
    body: { email, password: PASSWORD, name: `${label} name` },
  });
  if (signup.status !== 200)
    throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const login = await http<{ sessionId: string }>("POST", "/auth/email/login", {
    body: { email, password: PASSWORD },
  });
  if (login.status !== 200)
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { ...user, sessionId: login.body.sessionId };
}

/** A user row only (no login identity): enough for service-level tests. */
export function userRow(data: { name?: string; bannedAt?: Date; role?: "USER" | "ADMIN" } = {}) {
  return prisma.user.create({
    data: {
      email: uniqueEmail(),
      username: uniqueUsername("row"),
      name: data.name ?? "Row User",
      ...data,
    },
  });
}

/** The service-level viewer for a user row. */
export const asViewer = (user: { id: number; role: "USER" | "ADMIN"; bannedAt: Date | null }) => ({
  id: user.id,
  role: user.role,
  bannedAt: user.bannedAt,
});

export type ApiUser = {
  id: number;
  email: string;
  name: string;
  username: string;
  accessToken: string;
  refreshToken: string;
};

/** A user registered through the REST API (with a fresh handle), holding a fresh token pair. */
export async function apiUser(
  label = "api",
  options: { role?: "ADMIN"; banned?: boolean; baseUrl?: string; username?: string } = {},
): Promise<ApiUser> {
  const email = uniqueEmail(label);
  const name = `${label} name`;
  const username = options.username ?? uniqueUsername(label);
  const response = await http("POST", "/api/v1/auth/register", {
    body: { email, name, username, password: PASSWORD },
    baseUrl: options.baseUrl,
  });
  if (response.status !== 201) {
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const { user, accessToken, refreshToken } = response.body;
  if (options.role || options.banned) {
    await prisma.user.update({
      where: { id: user.id },
      data: { role: options.role, bannedAt: options.banned ? new Date() : undefined },
    });
  }
  return { id: user.id, email, name, username: user.username, accessToken, refreshToken };
}

/** A post published through the REST API (slug, tags and all), as its author got it back. */
export async function apiPost(
  author: ApiUser,
  body: { title: string; content: string; description?: string; tags?: string[] },
) {
  const response = await http("POST", "/api/v1/posts", { token: author.accessToken, body });
  if (response.status !== 201) {
    throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as { id: number; slug: string; tags: string[]; favoritesCount: number };
}

/** A REST user promoted to admin (the bearer check reads the role afresh on every request). */
export const apiAdmin = (label = "admin") => apiUser(label, { role: "ADMIN" });

/**
 * An admin signed in at the web door, where moderation lives (src/moderation): bans and hides
 * go through its operations, audited and invalidating the feeds as in production.
 */
export async function webAdmin(label = "web-admin") {
  const admin = await signedUpUser(label);
  await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  return admin;
}

async function moderate(admin: { sessionId: string }, name: string, args: object) {
  const response = await operation(name, args, admin.sessionId);
  if (response.status !== 200) {
    throw new Error(`${name} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

export const ban = (admin: { sessionId: string }, userId: number) =>
  moderate(admin, "ban-user", { userId, reason: "test ban" });
export const unban = (admin: { sessionId: string }, userId: number) =>
  moderate(admin, "unban-user", { userId });
export const hideComment = (admin: { sessionId: string }, commentId: number) =>
  moderate(admin, "hide-comment", { commentId, reason: "test hide" });
export const restoreComment = (admin: { sessionId: string }, commentId: number) =>
  moderate(admin, "restore-comment", { commentId });

/** A post made directly in the database (optionally hidden by moderation). */
export function postRow(authorId: number, data: { title?: string; hidden?: boolean } = {}) {
  const slug = `post-${randomUUID()}`;
  return prisma.post.create({
    data: {
      authorId,
      slug,
      slugs: { create: { slug } },
      title: data.title ?? `Post ${randomUUID().slice(0, 6)}`,
      content: "Some content",
      ...(data.hidden ? { hiddenAt: new Date(), hiddenReason: "spam" } : {}),
    },
  });
}

/** A comment made directly in the database (optionally hidden by moderation). */
export function commentRow(
  postId: number,
  authorId: number,
  data: { body?: string; hidden?: boolean } = {},
) {
  return prisma.comment.create({
    data: {
      postId,
      authorId,
      body: data.body ?? `Comment ${randomUUID().slice(0, 6)}`,
      ...(data.hidden ? { hiddenAt: new Date(), hiddenReason: "spam" } : {}),
    },
  });
}
