import type { z } from "zod";

// What one REST route is, as data: read by v1.wasp.ts (the Wasp api() declarations, evaluated
// by the spec compiler, so nothing here or in the route files may import wasp/server or handler
// code) and by openapi.ts (the document). The errors every route shares follow from its traits
// (errorsOf below); a route lists only the ones its own logic adds.

export const API_PREFIX = "/api/v1";

export type Access = "public" | "user" | "admin";

export type RouteDescription = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Express style (:id), under API_PREFIX. */
  path: string;
  /** The export of the handler module that serves it. */
  handler: string;
  summary: string;
  access: Access;
  /** Takes a password or a refresh token: the strict per-IP and per-account sign-in limits. */
  signIn?: boolean;
  /** Answers 304 to a matching If-None-Match (its 200 carries an ETag). */
  conditional?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body may be left out (it is still checked when sent). */
  bodyOptional?: boolean;
  headers?: { name: string; description: string }[];
  ok: { status: number; description: string; schema?: z.ZodType };
  /** Only what this route's own logic adds (404, 409, 422, …). */
  errors?: number[];
};

export type Route = RouteDescription & { id: string; module: string };

/** The routes of one handler module (a path relative to this folder, e.g. "./posts.handlers"). */
export const routesOf = (module: string, list: RouteDescription[]): Route[] =>
  list.map((route) => ({ ...route, id: `${route.method} ${route.path}`, module }));

/** Every error status a route can answer, from its traits and its own list, ascending. */
export function errorsOf(route: RouteDescription): number[] {
  const statuses = new Set(route.errors ?? []);
  const hasInput = Boolean(route.body || route.params || route.query || route.headers?.length);
  if (hasInput) statuses.add(400);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  // Any route accepts a bearer token: an invalid one is refused (401) and one whose address is
  // not verified yet is refused where EMAIL_VERIFICATION=required (403), whatever the route.
  statuses.add(401);
  statuses.add(403);
  // The whole namespace is rate limited, and needs the database (503 while it is unreachable).
  statuses.add(429);
  statuses.add(500);
  statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

/** Statuses other than the success one that are not problems (no body). */
export const notModified = (route: RouteDescription) => (route.conditional ? [304] : []);

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid input (see `errors` for each field) or malformed JSON",
  401: "No, an invalid or an expired access token (or, on sign-in routes, wrong credentials)",
  404: "No such resource (or hidden from you)",
  409: "Conflicts with the current state",
  413: "Body too large",
  415: "Body is not application/json",
  422: "Idempotency-Key reused for a different request",
  500: "Unexpected server error; the body carries a requestId for support, never internals",
  503: "The database is briefly unreachable: retry after `Retry-After` seconds",
};

/** The description of one error status for one route, from its traits. */
export function errorText(route: RouteDescription, status: number): string {
  if (status === 403) {
    const why =
      route.access === "admin"
        ? "Not an admin. "
        : route.access === "user"
          ? "Signed in, but not allowed (e.g. another user's resource, or a suspended account). "
          : "";
    return (
      why +
      "`urn:inkwell:problem:email-not-verified` where EMAIL_VERIFICATION=required and the " +
      "token's address is not verified yet (verify, then refresh)"
    );
  }
  if (status === 429) {
    return route.signIn
      ? "Rate limited: the namespace limit, or the sign-in limits per IP and per account; " +
          "retry after `Retry-After` seconds"
      : "Rate limited: retry after `Retry-After` seconds";
  }
  return ERROR_TEXT[status] ?? "Error";
}
