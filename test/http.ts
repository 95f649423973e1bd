import { inject } from "vitest";

// A small HTTP client for tests: it never throws on a status, so a test asserts on the status
// and body the way a REST client author would read them.
export type HttpResponse<T = unknown> = { status: number; headers: Headers; body: T };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export async function http<T = any>(
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
    /** Another server than the shared one (e.g. one a test started itself). */
    baseUrl?: string;
  } = {},
): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] ??= "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch((options.baseUrl ?? inject("serverUrl")) + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** Calls a Wasp operation the way the browser does (superjson envelope). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export async function operation<T = any>(name: string, args: unknown, sessionId?: string) {
  const response = await http<{ json: T }>("POST", `/operations/${name}`, {
    body: { json: args ?? null },
    token: sessionId,
  });
  return { status: response.status, data: response.body?.json, body: response.body as unknown };
}
