import type { NextFunction, Request, Response } from "express";

// CORS for the RealWorld door, whose browser clients (Conduit frontends) are served from other
// origins. CORS_ORIGINS lists the origins allowed (comma-separated), or `*` for any: no cookie
// ever crosses this door (tokens travel in the Authorization header), so credentials are never
// allowed and `*` exposes nothing a script could not already send. Empty: no CORS headers.
// Set on every answer before anything can refuse the request, so errors (401, 404, 422, 429…)
// reach the browser's script too; preflights are answered here, before the rate limit.

const ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
const ALLOW_HEADERS = "Authorization, Content-Type";
const EXPOSE_HEADERS = "X-Request-Id, Retry-After";
const PREFLIGHT_MAX_AGE = "600";

export function realworldCors(setting: string) {
  const entries = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const anyOrigin = entries.includes("*");
  // As browsers send them: scheme and host lower case, no default port, no trailing slash.
  const origins = new Set(entries.filter((e) => e !== "*").map((e) => new URL(e).origin));
  const enabled = anyOrigin || origins.size > 0;

  return function cors(req: Request, res: Response, next: NextFunction) {
    const origin = req.get("origin");
    const allowed = origin !== undefined && (anyOrigin || origins.has(origin));
    // The answer depends on Origin: caches must keep answers for different origins apart.
    if (enabled) res.vary("Origin");
    if (allowed) {
      res.setHeader("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
    if (req.method !== "OPTIONS") return next();
    if (allowed) {
      res.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
      res.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE);
    }
    res.status(204).end();
  };
}
