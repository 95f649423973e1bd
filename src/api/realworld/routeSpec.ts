// What one route of the RealWorld door is, as data: read by realworld.wasp.ts (the Wasp api()
// declarations, evaluated by the spec compiler, so nothing here or in the route files may import
// wasp/server or handler code), by the namespace middleware (the sign-in limits) and by the
// handler wrapper (route.ts: who may call it, what its body wraps, what the spec requires in
// it). The door follows the RealWorld spec (realworld-docs.netlify.app); its errors, statuses
// and envelopes are in README.md, "RealWorld API (/api)".

export const REALWORLD_PREFIX = "/api";

/** RealWorld wraps every request and response body in one key. */
export type Envelope = "user" | "article" | "comment";

export type RealWorldRouteDescription = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Express style (:slug), under REALWORLD_PREFIX. */
  path: string;
  /** The export of the handler module that serves it. */
  handler: string;
  summary: string;
  /** "user": a token is required (401 `token: is missing` without one). */
  access: "public" | "user";
  /** Takes a password to check: the strict per-IP and per-account sign-in limits. */
  signIn?: boolean;
  /** The body's envelope and the fields the spec requires in it ("can't be blank" if not). */
  body?: { envelope: Envelope; required?: string[] };
};

export type RealWorldRoute = RealWorldRouteDescription & { module: string };

/** The routes of one handler module (a path relative to this folder). */
export const routesOf = (module: string, list: RealWorldRouteDescription[]): RealWorldRoute[] =>
  list.map((route) => ({ ...route, module }));
