import type { MiddlewareConfigFn } from "wasp/server";
import { auditWebLoginFailures } from "../audit/webLoginFailures";
import { httpLogging } from "../observability/httpLogging";

// Wasp's global middleware (the base of every router, the /api/v1 namespace included):
// pino access logs and request ids first, in place of Wasp's morgan logger (so each request
// is logged once, as JSON), then Wasp's own stack, then the web login failure audit.
export const serverMiddleware: MiddlewareConfigFn = (config) => {
  const stack = new Map([["logger", httpLogging]]);
  for (const [name, middleware] of config) if (name !== "logger") stack.set(name, middleware);
  stack.set("inkwell.auditWebLoginFailures", auditWebLoginFailures);
  return stack;
};
