import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { MiddlewareConfigFn } from "wasp/server";
import { auditWebLoginFailures } from "../audit/webLoginFailures";
import { webAuthRateLimit, webOperationsRateLimit } from "../api/v1/rateLimit";
import { httpLogging } from "../observability/httpLogging";

// Wasp's global middleware (the base of every router, the /api/v1 namespace included):
// pino access logs and request ids first, in place of Wasp's morgan logger (so each request
// is logged once, as JSON), then Wasp's own stack, then the web sign-in rate limits and the web
// login failure audit.
export const serverMiddleware: MiddlewareConfigFn = (config) => {
  const stack = new Map([["logger", httpLogging]]);
  for (const [name, middleware] of config) if (name !== "logger") stack.set(name, middleware);
  const cors = config.get("cors");
  if (cors) stack.set("cors", corsOnlyForBrowsers(cors));
  // After the body parser (the per-account limit reads the email).
  stack.set("inkwell.webAuthRateLimit", webAuthRateLimit);
  stack.set("inkwell.webOperationsRateLimit", webOperationsRateLimit);
  stack.set("inkwell.auditWebLoginFailures", auditWebLoginFailures);
  return stack;
};

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
