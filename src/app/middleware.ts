import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import type { MiddlewareConfigFn } from "wasp/server";
import { auditWebLoginFailures } from "../auth/webLoginFailures";
import { webAccountRateLimit, webIpRateLimits } from "./webRateLimits";
import { WEB_AUTH_ROUTES } from "../auth/authPaths";
import { normalizeEmail } from "../shared/email";
import { webAuthGuards } from "../auth/webAuthGuards";
import { httpLogging } from "../observability/httpLogging";
import { onlyUnder, WASP_MOUNTS } from "../server/waspMounts";
import { getFeedRoute } from "../posts/getFeedRoute";
import { replicaSet } from "../server/replicas";
import { recordWrites } from "../server/replicas/recordWrites";
import { precomputedHeaders } from "../server/staticHeaders";
import { namedChain } from "../server/chain";
import { jsonApiHeaders } from "../server/jsonApi";

// Wasp's global middleware (the base of every router, the /api/v1 namespace included):
// pino access logs and request ids first, in place of Wasp's morgan logger (so each request
// is logged once, as JSON), then Wasp's own stack (helmet's headers set from a list made at
// start) with, for the web door, the per-IP limits before the body is read and, after it, the
// email normalisation, the per-account limit, the guards in front of Wasp's auth handlers and
// the web login failure audit.
export const serverMiddleware: MiddlewareConfigFn = (config) => {
  const stack = new Map([["logger", httpLogging]]);
  // With read replicas: each write stores its WAL position for the writer's next reads.
  if (replicaSet()) stack.set("inkwell.readYourWrites", recordWrites);
  for (const [name, middleware] of config) {
    if (name === "logger") continue;
    if (name === "express.json") stack.set("inkwell.webIpRateLimits", webIpRateLimits);
    stack.set(name, middleware);
  }
  // Wasp's /auth and /operations mounts answer JSON only: they get the JSON API's header set,
  // as the REST doors do. Helmet's set (made once, src/server/staticHeaders.ts) is for HTML,
  // and stays on the rest (the server's own page at "/").
  const helmet = config.get("helmet");
  if (helmet) stack.set("helmet", headersByMount(precomputedHeaders(helmet)));
  const cors = config.get("cors");
  if (cors) stack.set("cors", corsOnlyForBrowsers(cors));
  stack.set("inkwell.webAccountRateLimit", webAccountRateLimit);
  stack.set("inkwell.webAuthDoor", onlyUnder(WASP_MOUNTS.auth, webAuthDoor));
  // The getFeed query from the cached page's bytes, ahead of Wasp's route for it.
  stack.set("inkwell.getFeed", onlyUnder(WASP_MOUNTS.operations, getFeedRoute));
  // One Express layer per mount (src/server/chain.ts).
  return namedChain("inkwell.web", stack);
};

const JSON_MOUNT = new RegExp(`^(?:${Object.values(WASP_MOUNTS).join("|")})$`, "i");
function headersByMount(html: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    JSON_MOUNT.test(req.baseUrl) ? jsonApiHeaders(req, res, next) : html(req, res, next);
}

// Every web sign-in route sees the address as the REST door does (normalizeEmail): the same
// account, the same per-account budget, whatever white space or case it was typed with.
const webAuthDoor = express.Router();
webAuthDoor.post(Object.values(WEB_AUTH_ROUTES), (req, _res, next) => {
  const body = req.body as { email?: unknown } | undefined;
  if (typeof body?.email === "string") body.email = normalizeEmail(body.email);
  next();
});
webAuthDoor.use(webAuthGuards, auditWebLoginFailures);

// CORS headers only mean something to a browser, which always sends Origin on a cross-origin
// request (and on preflights). Without one, only `Vary: Origin` is due (so shared caches keep
// the two kinds of answer apart), which saves Wasp's cors middleware on every API client call.
function corsOnlyForBrowsers(cors: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.origin !== undefined || req.method === "OPTIONS") return cors(req, res, next);
    res.setHeader("Vary", "Origin");
    next();
  };
}
