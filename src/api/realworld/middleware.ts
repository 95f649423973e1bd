import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { env, prisma, type MiddlewareConfigFn } from "wasp/server";
import { authenticateClaims } from "../../auth/auth.service";
import { verifyAccessToken } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import { metrics } from "../../observability/metrics";
import { jsonApiHeaders, jsonBody } from "../../server/jsonApi";
import { authAccountRateLimit, authIpRateLimit } from "../../server/limits/signIn";
import { sendRealWorldError } from "../../server/realworldErrors";
import { isApiRequest } from "../../shared/apiRequest";
import { AppError } from "../../shared/errors";
import { apiRateLimit } from "../v1/rateLimit";
import { tokenConfig } from "../v1/context";
import type { Principal } from "./context";
import { realworldCors } from "./cors";
import { realworldRoutes } from "./routes";

// Middleware for the RealWorld door: everything under /api but /api/v1. Wasp mounts a namespace
// for every path under its prefix (`router.use("/api", …)`), so /api/v1 requests reach this one
// too: they pass straight through, untouched (their own namespace middleware serves them).
// For the others, as on /api/v1 and in the same order: the lean JSON headers and this door's
// CORS (before anything may refuse the request, so refusals carry it), the token's signature
// (in memory), the rate limits (the same budgets as /api/v1: one client, one budget, whichever
// door), the JSON body, then the token's lookup into the request's principal. Every refusal is
// answered in RealWorld's shape (src/server/realworldErrors.ts).

/** `Authorization: Token <jwt>`, RealWorld's scheme, or `Bearer <jwt>` as on /api/v1. */
function tokenClaims(req: Request, res: Response, next: NextFunction) {
  const header = req.get("authorization");
  if (!header) return next();
  const [scheme, token, ...rest] = header.split(" ");
  try {
    if (!/^(token|bearer)$/i.test(scheme ?? "") || !token || rest.length > 0) {
      throw new AppError("UNAUTHENTICATED", "Send the token as Authorization: Token <jwt>");
    }
    res.locals.claims = verifyAccessToken(token, tokenConfig);
    res.locals.token = token;
  } catch (error) {
    res.locals.bearerError = error;
  }
  next();
}

/** Re-checks the token against the database (revoked, banned, deleted, unverified). */
async function tokenAuth(req: Request, res: Response, next: NextFunction) {
  if (!req.get("authorization")) return next();
  try {
    if (res.locals.bearerError) throw res.locals.bearerError;
    const { viewer, familyId } = await authenticateClaims(res.locals.claims, {
      db: prisma,
      verification: verificationPolicy,
    });
    const principal: Principal = { viewer, familyId, token: res.locals.token as string };
    res.locals.principal = principal;
    next();
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
      metrics.authFailure("api", "invalid_token");
    }
    sendRealWorldError(req, res, error);
  }
}

// The strict per-IP sign-in budget (shared with every door), counted before the body is read.
const signInRouter = express.Router();
for (const route of realworldRoutes.filter((candidate) => candidate.signIn)) {
  signInRouter[route.method.toLowerCase() as "post"](route.path, authIpRateLimit);
}
function signInIpLimit(req: Request, res: Response, next: NextFunction) {
  if (req.method !== "POST") return next();
  signInRouter(req, res, next);
}

/** For the sign-in routes: the per-account limit (it reads the email in the envelope). */
export const realworldSignInMiddleware: MiddlewareConfigFn = () =>
  new Map([["inkwell.authAccountRateLimit", authAccountRateLimit]]);

export const realworldMiddleware: MiddlewareConfigFn = (config) => {
  config.set("helmet", jsonApiHeaders);
  // In place of Wasp's (which allows the web app's origin only).
  config.set("cors", realworldCors(env.CORS_ORIGINS));
  // The web door's limits and guards act only under Wasp's /auth and /operations mounts.
  // Wasp's parsers would answer bad bodies with HTML; the door is cookie-less (no CSRF).
  config.delete("express.json");
  config.delete("express.urlencoded");
  config.delete("cookieParser");
  config.set("inkwell.tokenClaims", tokenClaims);
  config.set("inkwell.rateLimit", apiRateLimit);
  config.set("inkwell.signInIpLimit", signInIpLimit);
  config.set("inkwell.json", jsonBody(sendRealWorldError));
  config.set("inkwell.tokenAuth", tokenAuth);
  const chain = express.Router();
  chain.use([...config.values()]);
  const realworld: RequestHandler = (req, res, next) =>
    isApiRequest(req) ? next() : chain(req, res, next);
  return new Map([["inkwell.realworld", realworld]]);
};
