import type { MiddlewareConfigFn } from "wasp/server";
import { signInIpLimit, tokenLookup, tokenSignature } from "../accessTokens";
import { sendProblem } from "../../server/problem";
import { jsonApiHeaders, jsonBody } from "../../server/jsonApi";
import { authAccountRateLimit } from "../../server/limits/signIn";
import { tokenConfig } from "./context";
import { apiRateLimit } from "./rateLimit";
import { v1Routes } from "./routes";
import { chain, stackOf } from "../../server/chain";
import { WEB_DOOR_ONLY } from "../../server/waspMounts";
import { directRoutes, routeMiddleware } from "../../server/directRoutes";
import { v1Handlers } from "./handlers";
import { API_PREFIX } from "./routeSpec";

// Middleware for everything under /api/v1 (the apiNamespace), in this order: the bearer token's
// signature (in memory), the rate limits (so every request is counted before its body is read
// or its token looked up), the JSON body (a parser whose failures answer in the API's problem
// shape), the token's lookup into the request's principal, then the route itself
// (src/server/directRoutes.ts). The request id
// (res.locals.requestId, X-Request-Id) comes from the global httpLogging middleware.

/** For each route of a REST door: its namespace middleware has done it all once already. */
export const noRouteMiddleware: MiddlewareConfigFn = () => new Map();

/** For the sign-in routes: the per-account limit (it reads the email in the body). */
export const authRouteMiddleware: MiddlewareConfigFn = () =>
  new Map([["inkwell.authAccountRateLimit", authAccountRateLimit]]);

export const v1Middleware: MiddlewareConfigFn = (global) => {
  const config = stackOf(global);
  config.set("helmet", jsonApiHeaders);
  // The web door's limits, guards and getFeed route act only under Wasp's /auth and
  // /operations mounts (src/server/waspMounts.ts): here they would only pass every request on.
  for (const name of WEB_DOOR_ONLY) config.delete(name);
  // Wasp's default parsers would answer bad bodies with HTML; ours answer with problems.
  config.delete("express.json");
  config.delete("express.urlencoded");
  // The API is cookie-less (bearer tokens only), which also rules out CSRF.
  config.delete("cookieParser");
  config.set(
    "inkwell.bearerClaims",
    tokenSignature(tokenConfig, /^bearer$/i, "Use Authorization: Bearer <access token>"),
  );
  config.set("inkwell.rateLimit", apiRateLimit);
  config.set("inkwell.signInIpLimit", signInIpLimit(v1Routes));
  config.set("inkwell.json", jsonBody(sendProblem));
  config.set("inkwell.bearerAuth", tokenLookup(sendProblem));
  // Each route with what v1.wasp.ts gives it, without the walk through Wasp's router.
  config.set(
    "inkwell.v1Routes",
    directRoutes(API_PREFIX, v1Routes, v1Handlers, (route) =>
      routeMiddleware(route.signIn ? authRouteMiddleware : noRouteMiddleware),
    ),
  );
  // One Express layer for the whole stack: it runs on every request of the namespace.
  return new Map([["inkwell.v1", chain([...config.values()])]]);
};
