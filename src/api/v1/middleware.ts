import express, { type NextFunction, type Request, type Response } from "express";
import { prisma, type MiddlewareConfigFn } from "wasp/server";
import { authenticateClaims } from "../../auth/auth.service";
import { verifyAccessToken } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import { metrics } from "../../observability/metrics";
import { AppError } from "../../shared/errors";
import { tokenConfig } from "./context";
import { sendProblem } from "../../server/problem";
import { jsonApiHeaders, jsonBody } from "../../server/jsonApi";
import { apiRateLimit } from "./rateLimit";
import { authAccountRateLimit, authIpRateLimit } from "../../server/limits/signIn";
import { claimsOf } from "./context";
import { v1Routes } from "./routes";

// Middleware for everything under /api/v1 (the apiNamespace), in this order: the bearer token's
// signature (in memory), the rate limits (so every request is counted before its body is read
// or its token looked up), the JSON body (a parser whose failures answer in the API's problem
// shape), then the token's lookup into the request's principal. The request id
// (res.locals.requestId, X-Request-Id) comes from the global httpLogging middleware.

/** Checks the bearer token's signature and claims; the outcome waits for bearerAuth. */
function bearerClaims(req: Request, res: Response, next: NextFunction) {
  const header = req.get("authorization");
  if (!header) return next();
  const [scheme, token, ...rest] = header.split(" ");
  try {
    if (scheme?.toLowerCase() !== "bearer" || !token || rest.length > 0) {
      throw new AppError("UNAUTHENTICATED", "Use Authorization: Bearer <access token>");
    }
    res.locals.claims = verifyAccessToken(token, tokenConfig);
  } catch (error) {
    res.locals.bearerError = error;
  }
  next();
}

async function bearerAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.get("authorization")) return next();
  try {
    if (res.locals.bearerError) throw res.locals.bearerError;
    const claims = claimsOf(res);
    if (!claims) throw new AppError("UNAUTHENTICATED", "The access token is invalid");
    res.locals.principal = await authenticateClaims(claims, {
      db: prisma,
      verification: verificationPolicy,
    });
    next();
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
      metrics.authFailure("api", "invalid_token");
    }
    sendProblem(req, res, error);
  }
}

// The strict per-IP sign-in budget, also counted before the body is read: the routes with the
// sign-in trait (they take a password or a refresh token; routes.ts). Matched by an Express
// Router, as the routes themselves are (any case, optional trailing slash).
const signInRoutes = v1Routes.filter((candidate) => candidate.signIn);
const signInRouter = express.Router();
for (const route of signInRoutes) {
  signInRouter[route.method.toLowerCase() as "post"](route.path, authIpRateLimit);
}
// Only the sign-in routes' methods reach the router: the feed's GETs skip its matching.
const signInMethods = new Set(signInRoutes.map((route) => route.method));
function signInIpLimit(req: Request, res: Response, next: NextFunction) {
  if (!signInMethods.has(req.method as "POST")) return next();
  signInRouter(req, res, next);
}

/** For each route of a REST door: its namespace middleware has done it all once already. */
export const noRouteMiddleware: MiddlewareConfigFn = () => new Map();

/** For the sign-in routes: the per-account limit (it reads the email in the body). */
export const authRouteMiddleware: MiddlewareConfigFn = () =>
  new Map([["inkwell.authAccountRateLimit", authAccountRateLimit]]);

export const v1Middleware: MiddlewareConfigFn = (config) => {
  config.set("helmet", jsonApiHeaders);
  // The web door's limits and guards stay in the stack: they act only under Wasp's /auth and
  // /operations mounts (src/server/waspMounts.ts), so here they pass every request straight on.
  // Wasp's default parsers would answer bad bodies with HTML; ours answer with problems.
  config.delete("express.json");
  config.delete("express.urlencoded");
  // The API is cookie-less (bearer tokens only), which also rules out CSRF.
  config.delete("cookieParser");
  config.set("inkwell.bearerClaims", bearerClaims);
  config.set("inkwell.rateLimit", apiRateLimit);
  config.set("inkwell.signInIpLimit", signInIpLimit);
  config.set("inkwell.json", jsonBody(sendProblem));
  config.set("inkwell.bearerAuth", bearerAuth);
  return config;
};
