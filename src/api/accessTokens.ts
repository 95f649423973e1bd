import express, { type NextFunction, type Request, type Response } from "express";
import { prisma } from "wasp/server";
import { authenticateClaims } from "../auth/auth.service";
import { verifyAccessToken, type TokenConfig } from "../auth/jwt";
import { verificationPolicy } from "../auth/verification";
import { metrics } from "../observability/metrics";
import { AppError } from "../shared/errors";
import { pgPool } from "../server/prisma";
import { poolSql } from "../shared/sql";
import type { ErrorSender } from "../server/jsonApi";
import { authIpRateLimit } from "../server/limits/signIn";

// The access-token and sign-in steps both REST doors run, in two halves around the rate limits:
// the token's signature is checked in memory first (so a validly signed token is limited per
// user, and garbage per IP), its lookup in the database last (after the limits and the body).
// Each door names its schemes and answers refusals in its own shape.

/** Checks the token's signature and claims; the outcome waits for `tokenLookup`. */
export function tokenSignature(config: TokenConfig, schemes: RegExp, usage: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization");
    if (!header) return next();
    const [scheme, token, ...rest] = header.split(" ");
    try {
      if (!schemes.test(scheme ?? "") || !token || rest.length > 0) {
        throw new AppError("UNAUTHENTICATED", usage);
      }
      res.locals.claims = verifyAccessToken(token, config);
      res.locals.token = token;
    } catch (error) {
      res.locals.bearerError = error;
    }
    next();
  };
}

const sql = poolSql(pgPool());

/**
 * Turns the checked claims into the request's principal (viewer, session family, the token),
 * re-read from the database so a ban, a logout or a deletion ends the token at once.
 */
export function tokenLookup(send: ErrorSender) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.get("authorization")) return next();
    try {
      if (res.locals.bearerError) throw res.locals.bearerError;
      if (!res.locals.claims) throw new AppError("UNAUTHENTICATED", "The access token is invalid");
      const principal = await authenticateClaims(res.locals.claims, {
        db: prisma,
        sql,
        verification: verificationPolicy,
      });
      res.locals.principal = { ...principal, token: res.locals.token as string };
      next();
    } catch (error) {
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
        metrics.authFailure("api", "invalid_token");
      }
      send(req, res, error);
    }
  };
}

/**
 * The strict per-IP sign-in budget (one for every door), counted before the body is read, on a
 * door's routes with the sign-in trait. Matched by an Express Router, as the routes themselves
 * are (any case, optional trailing slash); other methods skip its matching (the feed's GETs).
 */
export function signInIpLimit(routes: { method: string; path: string; signIn?: boolean }[]) {
  const signIn = routes.filter((route) => route.signIn);
  const router = express.Router();
  for (const route of signIn) {
    router[route.method.toLowerCase() as "post"](route.path, authIpRateLimit);
  }
  const methods = new Set(signIn.map((route) => route.method));
  return (req: Request, res: Response, next: NextFunction) => {
    if (!methods.has(req.method)) return next();
    router(req, res, next);
  };
}
