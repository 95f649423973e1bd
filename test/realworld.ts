import { prisma } from "wasp/server";
import { inject } from "vitest";
import { PASSWORD, signedUpUser, uniqueEmail, uniqueUsername } from "./factories";
import { httpAt, operation, type HttpResponse } from "./http";

// The RealWorld door as its clients call it: paths under /api, `Authorization: Token <jwt>`,
// bodies in their envelopes. Like http(), it never throws on a status.
type Options = {
  token?: string;
  body?: unknown;
  /** Sent as-is (for malformed or non-JSON bodies). */
  raw?: string;
  headers?: Record<string, string>;
  /** Another server than the shared one (e.g. one a test started itself). */
  baseUrl?: string;
};

/** `rw("GET", "/articles")` → GET /api/articles. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export function rw<T = any>(
  method: string,
  path: string,
  { token, baseUrl, headers, ...rest }: Options = {},
): Promise<HttpResponse<T>> {
  return httpAt<T>(baseUrl ?? inject("serverUrl"), method, `/api${path}`, {
    ...rest,
    headers: { ...headers, ...(token ? { authorization: `Token ${token}` } : {}) },
  });
}

export type RealWorldUser = { username: string; email: string; password: string; token: string };

/** A user registered through POST /api/users, with the token the answer carried. */
export async function rwUser(
  label = "rw",
  { baseUrl, password = PASSWORD }: { baseUrl?: string; password?: string } = {},
): Promise<RealWorldUser> {
  const username = uniqueUsername(label);
  const email = uniqueEmail(label);
  const response = await rw("POST", "/users", {
    baseUrl,
    body: { user: { username, email, password } },
  });
  if (response.status !== 201) {
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { username, email, password, token: response.body.user.token };
}

/** An article written through POST /api/articles; its answer's `article`. */
export async function rwArticle(
  author: RealWorldUser,
  fields: { title?: string; description?: string; body?: string; tagList?: string[] } = {},
  baseUrl?: string,
) {
  const response = await rw("POST", "/articles", {
    baseUrl,
    token: author.token,
    body: {
      article: {
        title: fields.title ?? `Article ${Math.random().toString(36).slice(2, 8)}`,
        description: fields.description ?? "A summary",
        body: fields.body ?? "Some *Markdown*",
        ...(fields.tagList ? { tagList: fields.tagList } : {}),
      },
    },
  });
  if (response.status !== 201) {
    throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.article as { slug: string; title: string; tagList: string[] };
}

/** The id of the account behind a RealWorld user. */
export const idOf = async (user: { username: string }) =>
  (await prisma.user.findUniqueOrThrow({ where: { username: user.username } })).id;

/** An admin acting through the web app's moderation actions (so the feeds are invalidated). */
export async function moderator() {
  const admin = await signedUpUser("moderator");
  await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  const act = async (name: string, args: object) => {
    const result = await operation(name, args, admin.sessionId);
    if (result.status !== 200)
      throw new Error(`${name}: ${result.status} ${JSON.stringify(result.body)}`);
  };
  return {
    hide: async (slug: string) => {
      const { postId } = await prisma.postSlug.findUniqueOrThrow({ where: { slug } });
      await act("hide-post", { postId, reason: "spam" });
    },
    ban: async (user: { username: string }) => act("ban-user", { userId: await idOf(user) }),
  };
}
