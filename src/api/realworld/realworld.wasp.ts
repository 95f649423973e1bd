import { api, apiNamespace, ref } from "@wasp.sh/spec";
import { noRouteMiddleware } from "../v1/middleware" with { type: "ref" };
import { realworldMiddleware, realworldSignInMiddleware } from "./middleware" with { type: "ref" };
import { REALWORLD_PREFIX } from "./routeSpec";
import { realworldRoutes } from "./routes";

// The RealWorld-compatible door, declared from the route descriptions (routes.ts). As on
// /api/v1, Wasp's session auth is off (`auth: false`) and the namespace middleware does the
// rest once for the whole prefix (it lets /api/v1 requests through untouched: Wasp mounts it
// for every path under /api); routes add only the per-account sign-in limit.
const open = { auth: false, middlewareConfigFn: noRouteMiddleware } as const;
const signIn = { auth: false, middlewareConfigFn: realworldSignInMiddleware } as const;
// Wasp names each api after its handler; /api/v1 has a `register` and a `login` too.
const waspName = (handler: string) => `realworld${handler[0]!.toUpperCase()}${handler.slice(1)}`;

export const realworldSpec = [
  apiNamespace(REALWORLD_PREFIX, { middlewareConfigFn: realworldMiddleware }),
  ...realworldRoutes.map((route) =>
    api(
      route.method,
      `${REALWORLD_PREFIX}${route.path}`,
      ref({ import: route.handler, alias: waspName(route.handler), from: route.module }),
      route.signIn ? signIn : open,
    ),
  ),
];
