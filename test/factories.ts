import { randomUUID } from "node:crypto";
import { prisma } from "wasp/server";
import { http } from "./http";

// Test data factories: every call makes fresh, uniquely named rows, so tests never see each
// other's data and need no global cleanup.
export const uniqueEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@test.inkwell`;

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
    data: { email: uniqueEmail(), name: data.name ?? "Row User", ...data },
  });
}

/** The service-level viewer for a user row. */
export const asViewer = (user: { id: number; role: "USER" | "ADMIN"; bannedAt: Date | null }) => ({
  id: user.id,
  role: user.role,
  bannedAt: user.bannedAt,
});

/** A user made through the REST API's register endpoint, with its token pair. */
export async function apiUser(label = "api", options: { baseUrl?: string } = {}) {
  const email = uniqueEmail(label);
  const response = await http("POST", "/api/v1/auth/register", {
    body: { email, name: `${label} name`, password: PASSWORD },
    baseUrl: options.baseUrl,
  });
  if (response.status !== 201)
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  const body = response.body as {
    user: { id: number; email: string };
    accessToken: string;
    refreshToken: string;
  };
  return { ...body.user, email, accessToken: body.accessToken, refreshToken: body.refreshToken };
}

/** A REST user promoted to admin (the bearer check reads the role afresh on every request). */
export async function apiAdmin(label = "admin") {
  const user = await apiUser(label);
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return user;
}
