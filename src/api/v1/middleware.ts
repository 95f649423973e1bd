import { isUtf8 } from "node:buffer";
import express, { type NextFunction, type Request, type Response } from "express";
import { env, prisma, type MiddlewareConfigFn } from "wasp/server";
import { authenticateClaims } from "../../auth/auth.service";
import { verifyAccessToken } from "../../auth/jwt";
import { verificationPolicy } from "../../auth/verification";
import { metrics } from "../../observability/metrics";
import { AppError } from "../../shared/errors";
import { tokenConfig } from "./context";
import { sendProblem } from "../../server/problem";
import { apiRateLimit } from "./rateLimit";
import { authAccountRateLimit, authIpRateLimit } from "../../server/limits/signIn";
import { claimsOf } from "./context";
import { v1Routes } from "./routes";

// Middleware for everything under /api/v1 (the apiNamespace), in this order: the bearer token's
// signature (in memory), the rate limits (so every request is counted before its body is read
// or its token looked up), the JSON body (a parser whose failures answer in the API's problem
// shape), then the token's lookup into the request's principal. The request id
// (res.locals.requestId, X-Request-Id) comes from the global httpLogging middleware.

const hasBody = (req: Request) =>
  req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;

/** "100kb", "1mb", "512" → bytes (1024-based, as body-parser reads it); unknown → no early check. */
export function parseByteLimit(limit: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) return Infinity;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[
    (match[2] ?? "b").toLowerCase() as "b"
  ];
  return Math.floor(Number(match[1]) * unit);
}
const bodyLimitBytes = parseByteLimit(env.API_BODY_LIMIT);

/** The body's own checks, before it is read: media type and declared size. */
function bodyProblem(req: Request): AppError | null {
  if (!req.is(["application/json", "application/*+json"])) {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  // A declared length over the limit is refused from the header alone. The JSON parser would
  // first wait for the whole body to arrive (to drain it), so a client announcing a huge body and
  // sending nothing would get no answer at all.
  if (Number(req.get("content-length") ?? 0) > bodyLimitBytes) {
    return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${env.API_BODY_LIMIT}`);
  }
  return null;
}

const parseJson = express.json({
  limit: env.API_BODY_LIMIT,
  strict: true,
  type: ["application/json", "application/*+json"],
  // The decoder would silently turn invalid UTF-8 into U+FFFD and store that; refuse it instead.
  verify: (_req, _res, buffer) => {
    if (!isUtf8(buffer)) throw Object.assign(new Error("invalid UTF-8"), { type: "utf8.invalid" });
  },
});

function jsonBody(req: Request, res: Response, next: NextFunction) {
  // Most requests (every GET) carry no body: nothing to check or parse.
  if (!hasBody(req)) return next();
  const problem = bodyProblem(req);
  if (problem) return sendProblem(req, res, problem);
  parseJson(req, res, (error?: unknown) => {
    if (!error) return next();
    const type = (error as { type?: string }).type;
    const problem =
      type === "entity.too.large"
        ? new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${env.API_BODY_LIMIT}`)
        : type === "charset.unsupported" || type === "encoding.unsupported"
          ? new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as UTF-8 JSON")
          : type === "utf8.invalid"
            ? new AppError("BAD_REQUEST", "The body is not valid UTF-8")
            : new AppError("BAD_REQUEST", "The body is not valid JSON");
    sendProblem(req, res, problem);
  });
}

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

// JSON responses need only a few of helmet's headers; helmet's full set (CSP, COEP, COOP, …)
// is for HTML and costs on every request of the hot path. HSTS is set at the TLS edge (nginx).
const JSON_API_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-site",
};
const JSON_API_HEADER_LIST = Object.entries(JSON_API_HEADERS);
// The docs page (HTML) gets them too, then helmet's full set over them (setup.ts).
function jsonApiHeaders(_req: Request, res: Response, next: NextFunction) {
  for (const [name, value] of JSON_API_HEADER_LIST) res.setHeader(name, value);
  next();
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

/** For each /api/v1 route: the namespace middleware has done it all once already. */
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
  config.set("inkwell.json", jsonBody);
  config.set("inkwell.bearerAuth", bearerAuth);
  return config;
};
