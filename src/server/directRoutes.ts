import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { MiddlewareConfigFn } from "wasp/server";
import { match, type MatchFunction } from "path-to-regexp";
import { setRouteTemplate } from "../observability/httpLogging";
import { chain } from "./chain";

// Wasp mounts a REST door as its namespace middleware and then one Express route per api(),
// all in one router after the web app's mounts, so each request still walked the other mount,
// the routes before its own (a path match each) and Wasp's handler wrapper, after the door's
// middleware had done everything a request needs. That walk cost about as much as the door's
// whole middleware. This middleware, last in the door's chain, answers from the same route
// list in the same order with the same matching (path-to-regexp as Express's router uses it:
// case-insensitive, a trailing slash allowed, parameters URI-decoded). What it does not take,
// it passes on to Wasp's routes as before: another method (HEAD, OPTIONS), a path that is not
// a route, a parameter that does not decode (Express answers that 400).

/** What a route list entry needs here: the same fields v1.wasp.ts / realworld.wasp.ts read. */
export type DirectRoute = { method: string; path: string; handler: string; module: string };

/** The handler modules of a door, by the `module` its routes name ("./posts.handlers"). */
export type HandlerModules = Record<string, Record<string, unknown>>;

type Compiled = {
  method: string;
  template: string;
  matches: MatchFunction<object>;
  run: RequestHandler;
};

// Express's router: its Layer (router/lib/layer.js) loosens the path and matches it so.
const loosen = (path: string) => path.replace(/\/+$/, "") || "/";

/** The handler a route names, or an error at start (a route list and its modules disagree). */
export function handlerOf(route: DirectRoute, modules: HandlerModules): RequestHandler {
  const handler = modules[route.module]?.[route.handler];
  if (typeof handler !== "function") {
    throw new Error(
      `${route.method} ${route.path}: no handler ${route.handler} in ${route.module}`,
    );
  }
  return handler as RequestHandler;
}

/** The middleware a route's Wasp declaration adds (its middlewareConfigFn, which ignores the base). */
export const routeMiddleware = (configFn: MiddlewareConfigFn): RequestHandler[] => [
  ...configFn(new Map()).values(),
];

/**
 * The door's routes under `prefix` (its mount), each run after `middlewareOf(route)` (what its
 * Wasp declaration adds, e.g. the per-account sign-in limit).
 */
export function directRoutes<R extends DirectRoute>(
  prefix: string,
  routes: R[],
  modules: HandlerModules,
  middlewareOf: (route: R) => RequestHandler[],
): RequestHandler {
  const compiled: Compiled[] = routes.map((route) => {
    const handler = handlerOf(route, modules);
    const before = middlewareOf(route);
    return {
      method: route.method,
      template: `${prefix}${route.path}`,
      // Without `decode`: a parameter is decoded below, where one that fails can pass on.
      matches: match(loosen(route.path), {
        decode: false,
        sensitive: false,
        end: true,
        trailing: true,
      }),
      run: before.length > 0 ? chain([...before, handler]) : handler,
    };
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    for (const route of compiled) {
      if (route.method !== req.method) continue;
      const found = route.matches(path);
      if (!found) continue;
      const params = decoded(found.params as Record<string, string>);
      if (!params) return next();
      req.params = params;
      setRouteTemplate(req, route.template);
      try {
        const result = route.run(req, res, next) as unknown;
        if (result instanceof Promise) result.catch(next);
      } catch (error) {
        next(error);
      }
      return;
    }
    next();
  };
}

/** The parameters URI-decoded as Express decodes them, or null when one is malformed. */
function decoded(params: Record<string, string>): Record<string, string> | null {
  const result: Record<string, string> = {};
  for (const name in params) {
    const value = params[name]!;
    if (!value.includes("%")) {
      result[name] = value;
      continue;
    }
    try {
      result[name] = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return result;
}
