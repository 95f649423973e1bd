import { inject } from "vitest";

// A small HTTP client for tests: it never throws on a status, so a test asserts on the status
// and body the way a REST client author would read them.
export type HttpResponse<T = unknown> = { status: number; headers: Headers; body: T };

type Options = {
  body?: unknown;
  /** Sent as-is (for malformed or non-JSON bodies). */
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
  /** Another server than the shared one (e.g. one a test started itself). */
  baseUrl?: string;
};

/** A request to the shared test server. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export function http<T = any>(method: string, path: string, options: Options = {}) {
  return httpAt<T>(options.baseUrl ?? inject("serverUrl"), method, path, options);
}

/** A request to a given server (tests that start instances of their own). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export async function httpAt<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: Options = {},
): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.raw !== undefined) {
    headers["content-type"] ??= "application/json";
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
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
