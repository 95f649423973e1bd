import type { RequestHandler } from "express";
import { env, type MiddlewareConfigFn } from "wasp/server";
import { signInIpLimit, tokenLookup, tokenSignature } from "../accessTokens";
import { jsonApiHeaders, jsonBody } from "../../server/jsonApi";
import { authAccountRateLimit } from "../../server/limits/signIn";
import { sendRealWorldError } from "../../server/realworldErrors";
import { isApiRequest } from "../../shared/apiRequest";
import { apiRateLimit } from "../v1/rateLimit";
import { tokenConfig } from "../v1/context";
import { realworldCors } from "./cors";
import { realworldRoutes } from "./routes";
import { chain, stackOf } from "../../server/chain";
import { WEB_DOOR_ONLY } from "../../server/waspMounts";
import { directRoutes, routeMiddleware } from "../../server/directRoutes";
import { noRouteMiddleware } from "../v1/middleware";
import { realworldHandlers } from "./handlers";
import { REALWORLD_PREFIX } from "./routeSpec";

// Middleware for the RealWorld door: everything under /api but /api/v1. Wasp mounts a namespace
// for every path under its prefix (`router.use("/api", …)`), so /api/v1 requests reach this one
// too: they pass straight through, untouched (their own namespace middleware serves them).
// For the others, as on /api/v1 and in the same order: the lean JSON headers and this door's
// CORS (before anything may refuse the request, so refusals carry it), the token's signature
// (in memory), the rate limits (the same budgets as /api/v1: one client, one budget, whichever
// door), the JSON body, the token's lookup into the request's principal, then the route itself
// (src/server/directRoutes.ts). Every refusal is
// answered in RealWorld's shape (src/server/realworldErrors.ts).

/** For the sign-in routes: the per-account limit (it reads the email in the envelope). */
export const realworldSignInMiddleware: MiddlewareConfigFn = () =>
  new Map([["inkwell.authAccountRateLimit", authAccountRateLimit]]);

export const realworldMiddleware: MiddlewareConfigFn = (global) => {
  const config = stackOf(global);
  config.set("helmet", jsonApiHeaders);
  // In place of Wasp's (which allows the web app's origin only).
  config.set("cors", realworldCors(env.CORS_ORIGINS));
  // The web door's limits and guards act only under Wasp's /auth and /operations mounts.
  for (const name of WEB_DOOR_ONLY) config.delete(name);
  // Wasp's parsers would answer bad bodies with HTML; the door is cookie-less (no CSRF).
  config.delete("express.json");
  config.delete("express.urlencoded");
  config.delete("cookieParser");
  // RealWorld's scheme is "Token"; "Bearer" works too, as on /api/v1.
  config.set(
    "inkwell.tokenClaims",
    tokenSignature(
      tokenConfig,
      /^(token|bearer)$/i,
      "Send the token as Authorization: Token <jwt>",
    ),
  );
  config.set("inkwell.rateLimit", apiRateLimit);
  config.set("inkwell.signInIpLimit", signInIpLimit(realworldRoutes));
  config.set("inkwell.json", jsonBody(sendRealWorldError));
  config.set("inkwell.tokenAuth", tokenLookup(sendRealWorldError));
  // Each route with what realworld.wasp.ts gives it, without the walk through Wasp's router.
  config.set(
    "inkwell.realworldRoutes",
    directRoutes(REALWORLD_PREFIX, realworldRoutes, realworldHandlers, (route) =>
      routeMiddleware(route.signIn ? realworldSignInMiddleware : noRouteMiddleware),
    ),
  );
  const stack = chain([...config.values()]);
  const realworld: RequestHandler = (req, res, next) =>
    isApiRequest(req) ? next() : stack(req, res, next);
  return new Map([["inkwell.realworld", realworld]]);
};
