import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { runInRequestContext } from "./requestContext";
import { logger, plainLogger, writeJsonLine, type Logger } from "./logger";
import { metrics } from "./metrics";

// One middleware per request, first in Wasp's global stack (src/app/middleware.ts replaces Wasp's morgan
// logger with it) and in front of the routes src/app/setup.ts adds: it settles the request id,
// runs the rest of the request in its request context (src/observability/requestContext.ts, read by
// the audit trail), writes one access line when the response ends and times the request for
// Prometheus.

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const ROUTE = Symbol("inkwell.route");
const ROUTE_VALUE = Symbol("inkwell.routeValue");
const LOG = Symbol("inkwell.log");
const IP = Symbol("inkwell.ip");
const HANDLED = Symbol("inkwell.observed");
const STARTED = Symbol("inkwell.started");

type Observed = IncomingMessage & {
  [ROUTE]?: string;
  [ROUTE_VALUE]?: unknown;
  [LOG]?: Logger;
  [IP]?: string;
  [HANDLED]?: true;
  [STARTED]?: number;
  id?: string;
  baseUrl?: string;
};

// Fresh request ids are this process's random prefix and a counter: unique across instances
// and restarts, and far cheaper than a UUID per request.
const ID_PREFIX = randomBytes(6).toString("base64url");
let requestCounter = 0;

/** Metric label for requests no route matched: never the raw path (ids would explode series). */
export const UNMATCHED = "unmatched";

/** The caller's X-Request-Id when it is sane, else a fresh one; echoed back on the response. */
function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers["x-request-id"];
  const id =
    typeof given === "string" && REQUEST_ID.test(given)
      ? given
      : `${ID_PREFIX}-${(++requestCounter).toString(36)}`;
  res.setHeader("X-Request-Id", id);
  return id;
}

// Express sets `req.route` when a route matches, while `req.baseUrl` still holds the mount path
// of the router that matched. Both are gone or reset by the time an error bubbles up, so the
// template is captured at that moment, by accessors on the app's request prototype (defined once;
// defining them on each request would cost on every request).
// `req.log` is the request's own logger (its lines carry the request id), made only when used.
const instrumented = new WeakSet<object>();
function inheritedGetter(prototype: object, name: string) {
  for (let at: object | null = prototype; at; at = Object.getPrototypeOf(at) as object | null) {
    const getter = Object.getOwnPropertyDescriptor(at, name)?.get;
    if (getter) return getter;
  }
  return undefined;
}
function instrument(prototype: object) {
  instrumented.add(prototype);
  Object.defineProperty(prototype, "route", {
    configurable: true,
    get(this: Observed) {
      return this[ROUTE_VALUE];
    },
    set(this: Observed, value: { path?: unknown } | undefined) {
      this[ROUTE_VALUE] = value;
      if (typeof value?.path === "string") this[ROUTE] = `${this.baseUrl ?? ""}${value.path}`;
    },
  });
  // Express works `req.ip` out afresh on each read (parsing X-Forwarded-For against the trust
  // setting); the rate limiters read it more than once per request.
  const ip = inheritedGetter(prototype, "ip");
  if (ip) {
    Object.defineProperty(prototype, "ip", {
      configurable: true,
      get(this: Observed) {
        return (this[IP] ??= ip.call(this) as string);
      },
    });
  }
  Object.defineProperty(prototype, "log", {
    configurable: true,
    get(this: Observed) {
      return (this[LOG] ??= logger.child({ requestId: this.id }));
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

/** Names the request by its route's template, as Express's route match would (directRoutes). */
export const setRouteTemplate = (req: IncomingMessage, template: string) => {
  (req as Observed)[ROUTE] = template;
};

export const routeTemplate = (req: IncomingMessage) => (req as Observed)[ROUTE] ?? UNMATCHED;

const userIdOf = (req: IncomingMessage, res: ServerResponse): number | null => {
  const locals = (res as Response).locals as
    { principal?: { viewer?: { id?: number } } } | undefined;
  return locals?.principal?.viewer?.id ?? (req as { user?: { id?: number } }).user?.id ?? null;
};

const pathOf = (req: IncomingMessage) => {
  const url = (req as Request).originalUrl ?? req.url ?? "";
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
};

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

const json = JSON.stringify;
// What JSON.stringify would leave as it is between its quotes: printable ASCII but `"` and `\`.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quoted = (value: string) => (PLAIN.test(value) ? `"${value}"` : json(value));
// Route templates are a small fixed set: each one's JSON is made once.
const routeJson = new Map<string, string>();
const jsonOfRoute = (route: string) => {
  let text = routeJson.get(route);
  if (text === undefined) routeJson.set(route, (text = json(route)));
  return text;
};
/** accessLine's fields, serialised as pino would (for writeJsonLine). */
const accessFields = (requestId: string, req: IncomingMessage, res: ServerResponse, ms: number) =>
  `,"requestId":${quoted(requestId)},"method":${quoted(req.method ?? "")},"route":${jsonOfRoute(routeTemplate(req))}` +
  `,"path":${quoted(pathOf(req))},"status":${res.statusCode},"durationMs":${ms}` +
  `,"userId":${userIdOf(req, res)}`;

const levelFor = (route: string, status: number) =>
  status >= 500 ? "error" : status >= 400 ? "warn" : QUIET.has(route) ? "debug" : "info";

// Access lines carry only the allowlisted fields above (no headers, no bodies, no query
// strings), so they go through a logger without the redaction pass, which measurably costs on
// the hot path (see README, "Benchmark").
const accessLogger = plainLogger.child({});

/** When a response has gone out: its metric and its access line. One function for every
 * response (`this` is the response), so a request allocates no closure for it. */
function onFinish(this: ServerResponse) {
  const req = this.req as Observed;
  const durationMs = performance.now() - (req[STARTED] ?? 0);
  const route = routeTemplate(req);
  metrics.httpRequest(req.method ?? "", route, this.statusCode, durationMs / 1000);
  const level = levelFor(route, this.statusCode);
  if (!accessLogger.isLevelEnabled(level)) return;
  const requestId = req.id ?? "";
  const rounded = Math.round(durationMs * 1000) / 1000;
  const message = `${req.method} ${route} ${this.statusCode}`;
  if (writeJsonLine)
    return writeJsonLine(level, accessFields(requestId, req, this, rounded), message);
  accessLogger[level]({ requestId, ...accessLine(req, this, rounded) }, message);
}

export function httpLogging(req: Request, res: Response, next: NextFunction) {
  const observed = req as Observed;
  // Requests that fall through Wasp's routers to setup.ts's reach this a second time, already
  // inside the request context the first pass opened.
  if (observed[HANDLED]) return next();
  observed[HANDLED] = true;
  const prototype = Object.getPrototypeOf(req) as object;
  if (!instrumented.has(prototype)) instrument(prototype);
  observed[STARTED] = performance.now();
  const requestId = requestIdOf(req, res);
  observed.id = requestId;
  res.locals.requestId = requestId;
  // "finish" is emitted once per response.
  res.on("finish", onFinish);
  runInRequestContext(req, requestId, next);
}

/** The request's logger (its lines carry the request id), or the plain one outside a request. */
export const requestLogger = (req: IncomingMessage): Logger =>
  (req as { log?: Logger }).log ?? logger;
