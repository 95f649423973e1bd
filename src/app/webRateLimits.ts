import express from "express";
import { env } from "wasp/server";
import { WEB_AUTH_ROUTES } from "../auth/authPaths";
import { clientIp, limiter } from "../server/limits/limiter";
import { authAccountRateLimit, authIpRateLimit, tooManyForWeb } from "../server/limits/signIn";
import { onlyUnder, WASP_MOUNTS } from "../server/waspMounts";

// The web door's sign-in routes, matched by Express Routers: a router decides by the same rules
// as the Wasp routers behind it (any case, an optional trailing slash), so every spelling that
// reaches Wasp's handler is counted exactly like the canonical path.
const WEB_SIGN_IN = Object.values(WEB_AUTH_ROUTES);

// The web app's queries and actions (/operations/*): per IP, in Wasp's error shape. Looser
// than the API's anonymous limit: one page view runs several queries, and the session user is
// not known yet at this point of Wasp's stack.
const webOperations = limiter("web", {
  windowMs: 60_000,
  limit: env.RATE_LIMIT_WEB_PER_MIN,
  keyGenerator: (req) => clientIp(req),
  handler: tooManyForWeb,
});

const signInIp = express.Router().post(WEB_SIGN_IN, authIpRateLimit);
const signInAccount = express.Router().post(WEB_SIGN_IN, authAccountRateLimit);
const authMount = (handler: express.RequestHandler) => onlyUnder(WASP_MOUNTS.auth, handler);
const inAuth = authMount(signInIp);
const inOperations = onlyUnder(WASP_MOUNTS.operations, webOperations);

/** For Wasp's global stack, before the body is read: per-IP sign-in and operations limits. */
export const webIpRateLimits: express.RequestHandler = (req, res, next) =>
  inAuth(req, res, (error?: unknown) => (error ? next(error) : inOperations(req, res, next)));

/** For Wasp's global stack, after the JSON parser: the per-account sign-in limit. */
export const webAccountRateLimit = authMount(signInAccount);
