import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { logger, plainLogger, type Logger } from "./logger";
import { metrics } from "./metrics";

// One middleware per request, first in Wasp's global stack (src/server/middleware.ts replaces Wasp's morgan
// logger with it) and in front of the routes src/server/setup.ts adds: it settles the request id,
// writes one access line when the response ends and times the request for Prometheus.

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const ROUTE = Symbol("inkwell.route");
const HANDLED = Symbol("inkwell.observed");

type Observed = IncomingMessage & { [ROUTE]?: string; [HANDLED]?: true };

/** Metric label for requests no route matched: never the raw path (ids would explode series). */
export const UNMATCHED = "unmatched";

/** The caller's X-Request-Id when it is sane, else a fresh one; echoed back on the response. */
function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers["x-request-id"];
  const id = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

// Express sets `req.route` when a route matches, while `req.baseUrl` still holds the mount path
// of the router that matched. Both are gone or reset by the time an error bubbles up, so the
// template is captured at that moment.
function captureRouteTemplate(req: Request) {
  let route: unknown;
  Object.defineProperty(req, "route", {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (typeof value?.path === "string") (req as Observed)[ROUTE] = `${req.baseUrl}${value.path}`;
    },
  });
}

/** Names requests that no Express route matches (app.use mounts such as the API docs). */
export const routeName =
  (template: string): RequestHandler =>
  (req, _res, next) => {
    (req as Observed)[ROUTE] ??= template;
    next();
  };

export const routeTemplate = (req: IncomingMessage) => (req as Observed)[ROUTE] ?? UNMATCHED;

const userIdOf = (req: IncomingMessage, res: ServerResponse): number | null => {
  const locals = (res as Response).locals as
    { principal?: { viewer?: { id?: number } } } | undefined;
  return locals?.principal?.viewer?.id ?? (req as { user?: { id?: number } }).user?.id ?? null;
};

const pathOf = (req: IncomingMessage) =>
  ((req as Request).originalUrl ?? req.url ?? "").split("?")[0] ?? "";

// Probes and scrapes would drown the access log; their failures are still logged.
const QUIET = new Set(["/healthz", "/readyz", "/metrics"]);

const accessLine = (req: IncomingMessage, res: ServerResponse, durationMs: number) => ({
  method: req.method,
  route: routeTemplate(req),
  path: pathOf(req),
  status: res.statusCode,
  durationMs,
  userId: userIdOf(req, res),
});

const levelFor = (req: IncomingMessage, status: number) =>
  status >= 500 ? "error" : status >= 400 ? "warn" : QUIET.has(pathOf(req)) ? "debug" : "info";

// Access lines carry only the allowlisted fields above (no headers, no bodies, no query
// strings), so they go through a logger without the redaction pass, which measurably costs on
// the hot path (see README, "Benchmark").
const accessLogger = plainLogger.child({});

export function httpLogging(req: Request, res: Response, next: NextFunction) {
  const observed = req as Observed;
  // Requests that fall through Wasp's routers to setup.ts's reach this a second time.
  if (observed[HANDLED]) return next();
  observed[HANDLED] = true;
  captureRouteTemplate(req);
  const started = process.hrtime.bigint();
  const requestId = requestIdOf(req, res);
  (req as { id?: string }).id = requestId;
  res.locals.requestId = requestId;
  // The request's own logger (its lines carry the request id), made only if something logs.
  let child: Logger | undefined;
  Object.defineProperty(req, "log", {
    configurable: true,
    get: () => (child ??= logger.child({ requestId })),
  });
  res.once("finish", () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const route = routeTemplate(req);
    metrics.httpRequest(req.method, route, res.statusCode, durationMs / 1000);
    const level = levelFor(req, res.statusCode);
    if (!accessLogger.isLevelEnabled(level)) return;
    accessLogger[level](
      { requestId, ...accessLine(req, res, Math.round(durationMs * 1000) / 1000) },
      `${req.method} ${route} ${res.statusCode}`,
    );
  });
  next();
}

/** The request's logger (its lines carry the request id), or the plain one outside a request. */
export const requestLogger = (req: IncomingMessage): Logger =>
  (req as { log?: Logger }).log ?? logger;
