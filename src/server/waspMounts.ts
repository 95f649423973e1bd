import type { RequestHandler } from "express";

// Wasp runs its global middleware inside each of its mounts (`router.use("/auth", middleware,
// auth)`, the same for "/operations"), so a global middleware sees the path relative to the
// mount, and the mount in req.baseUrl as the client spelled it (Express matches mounts
// ignoring case). Handlers below apply to one mount only; inside it, an Express Router matches
// the rest of the path exactly as Wasp's own routers do.
export const WASP_MOUNTS = { auth: "/auth", operations: "/operations" } as const;

export function onlyUnder(mount: string, handler: RequestHandler): RequestHandler {
  const pattern = new RegExp(`^${mount}$`, "i");
  return (req, res, next) => (pattern.test(req.baseUrl) ? handler(req, res, next) : next());
}

/**
 * The entries src/app/middleware.ts adds to Wasp's global stack that act only under Wasp's
 * mounts: the REST doors' namespaces drop them (there they would only pass requests on).
 */
export const WEB_DOOR_ONLY = [
  "inkwell.webIpRateLimits",
  "inkwell.webAccountRateLimit",
  "inkwell.webAuthDoor",
  "inkwell.getFeed",
] as const;
