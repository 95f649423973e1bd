import { randomUUID } from "node:crypto";
import { E2E_SERVER_URL } from "../setup/ports.mjs";
import { PASSWORD, uniqueEmail } from "./flows";

// Setting the scene for a browser test through the server's own doors (REST /api/v1, and the
// Wasp operations the web app calls), so the browser only does the part the test is about.

async function call<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${E2E_SERVER_URL}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export type SceneUser = { id: number; email: string; name: string; username: string };

/** Registers through REST; `token` is its access token, `session` a web session's id. */
export async function registerUser(label: string) {
  const email = uniqueEmail(label);
  const username = `${label.toLowerCase().replace(/[^a-z0-9]/g, "")}_${randomUUID().slice(0, 8)}`;
  const name = `${label} ${randomUUID().slice(0, 4)}`;
  const { user, accessToken } = await call<{ user: SceneUser; accessToken: string }>(
    "/api/v1/auth/register",
    { email, username, name, password: PASSWORD },
  );
  // The same account signed in at the web door, for operations REST does not offer (reports).
  const { sessionId } = await call<{ sessionId: string }>("/auth/email/login", {
    email,
    password: PASSWORD,
  });
  return { ...user, email, token: accessToken, session: sessionId };
}

export const publishPost = (
  token: string,
  post: { title: string; content: string; description?: string; tags?: string[] },
) => call<{ id: number; slug: string; title: string }>("/api/v1/posts", post, token);

export const commentOn = (token: string, postId: number, body: string) =>
  call<{ id: number }>(`/api/v1/posts/${postId}/comments`, { body }, token);

/** A reader's report of a comment, as the web app files it (Wasp's superjson envelope). */
export const reportComment = (session: string, commentId: number, reason: string) =>
  call("/operations/create-report", { json: { commentId, reason } }, session);
