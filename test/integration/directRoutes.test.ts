import express, { type Request, type Response } from "express";
import { describe, expect, test } from "vitest";
import { directRoutes, type DirectRoute } from "../../src/server/directRoutes";
import { v1Routes } from "../../src/api/v1/routes";
import { v1Handlers } from "../../src/api/v1/handlers";
import { API_PREFIX } from "../../src/api/v1/routeSpec";
import { realworldRoutes } from "../../src/api/realworld/routes";
import { realworldHandlers } from "../../src/api/realworld/handlers";
import { REALWORLD_PREFIX } from "../../src/api/realworld/routeSpec";
import { http, httpAt } from "../http";
import { scrape } from "../metrics";
import { apiUser } from "../factories";

// The REST doors answer their routes from their own route lists (src/server/directRoutes.ts)
// instead of walking Wasp's router: every URL must reach the handler, with the parameters,
// that Wasp's Express routes would have given it, and anything else must pass on to them.

type Answer = { by: string; handler?: string; params?: Record<string, string> };

// Stand-ins for the handler modules: each handler says which one it is and what it was given.
const recording = (routes: DirectRoute[]) => {
  const modules: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    modules[route.module] ??= {};
    modules[route.module]![route.handler] = (req: Request, res: Response) =>
      void res.json({ by: res.locals.by, handler: route.handler, params: { ...req.params } });
  }
  return modules;
};

/** Wasp's way: the namespace mounted at `prefix`, then one Express route per entry. */
function viaExpress(prefix: string, routes: DirectRoute[]) {
  const app = express();
  const handlers = recording(routes);
  const router = express.Router();
  router.use(prefix, (_req, res, next) => ((res.locals.by = "express"), next()));
  for (const route of routes) {
    const method = route.method.toLowerCase() as "get";
    router[method](`${prefix}${route.path}`, handlers[route.module]![route.handler] as never);
  }
  app.use(router);
  app.use((_req, res) => void res.status(404).json({ by: "none" }));
  app.use((error: { status?: number }, _req: Request, res: Response, _next: unknown) =>
    res.status(error.status ?? 500).json({ by: "error" }),
  );
  return app;
}

/** Ours: the same list dispatched inside the namespace; what it passes on is marked. */
function viaDirect(prefix: string, routes: DirectRoute[]) {
  const app = express();
  const dispatch = directRoutes(prefix, routes, recording(routes), () => []);
  app.use(prefix, (req, res, next) => ((res.locals.by = "direct"), dispatch(req, res, next)));
  app.use((_req, res) => void res.status(404).json({ by: "passed" }));
  return app;
}

async function answerOf(app: express.Express, method: string, url: string) {
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as { port: number };
    const answer = await httpAt<Answer>(`http://127.0.0.1:${port}`, method, url);
    return method === "HEAD" ? { by: `HEAD ${answer.status}` } : answer.body;
  } finally {
    server.close();
  }
}

// Each route's path with its parameters filled in several ways, and spelled several ways.
function urlsFor(prefix: string, route: DirectRoute): string[] {
  const fills = ["12", "a%20b", "%E0%A4%A", "caf%C3%A9", "x.y"];
  const paths = fills.map((fill) => `${prefix}${route.path.replace(/:\w+/g, fill)}`);
  return paths.flatMap((path) => [
    path,
    `${path}/`,
    `${path}?q=1`,
    path.toUpperCase(),
    path.replace(/\/([^/]*)$/, "//$1"),
    `${path}/extra`,
  ]);
}

describe.each([
  ["/api/v1", API_PREFIX, v1Routes as DirectRoute[]],
  ["the RealWorld door", REALWORLD_PREFIX, realworldRoutes as DirectRoute[]],
])("Direct dispatch of %s", (_name, prefix, routes) => {
  test("When any route's URL is called in any spelling and method, then the same handler gets the same parameters as through Wasp's Express routes, or the request passes on to them", async () => {
    const express = viaExpress(prefix, routes);
    const direct = viaDirect(prefix, routes);
    const urls = [...new Set(routes.flatMap((route) => urlsFor(prefix, route)))];
    let dispatched = 0;
    for (const url of urls) {
      for (const method of ["GET", "POST", "PUT", "DELETE"]) {
        const expected = await answerOf(express, method, url);
        const actual = await answerOf(direct, method, url);
        if (actual.by === "passed") {
          // Only what Express would not route to a handler (or would refuse for its encoding)
          // is left to it.
          expect({ url, method, expected: expected.by }).not.toEqual({
            url,
            method,
            expected: "express",
          });
          continue;
        }
        dispatched += 1;
        expect({ url, method, ...actual, by: "express" }).toEqual({ url, method, ...expected });
      }
    }
    // Every route is reached directly by its plain spelling; HEAD, which Express answers
    // from the GET route, is left to Express.
    for (const route of routes) {
      const url = `${prefix}${route.path.replace(/:\w+/g, "12")}`;
      expect(await answerOf(direct, route.method, url)).toMatchObject({ by: "direct" });
      if (route.method === "GET") {
        expect(await answerOf(express, "HEAD", url)).toEqual({ by: "HEAD 200" });
        expect(await answerOf(direct, "HEAD", url)).toEqual({ by: "HEAD 404" });
      }
    }
    expect(dispatched).toBeGreaterThan(routes.length);
  }, 120_000);
});

describe("Direct dispatch's route lists", () => {
  test("When the doors' routes are read, then each names a handler that its module exports", () => {
    expect(() => directRoutes(API_PREFIX, v1Routes, v1Handlers, () => [])).not.toThrow();
    expect(() =>
      directRoutes(REALWORLD_PREFIX, realworldRoutes, realworldHandlers, () => []),
    ).not.toThrow();
  });

  test("When a route names a handler its module does not export, then building the dispatch fails at once", () => {
    const missing = { ...v1Routes[0]!, handler: "noSuchHandler" };
    expect(() => directRoutes(API_PREFIX, [missing], v1Handlers, () => [])).toThrow(
      /noSuchHandler/,
    );
  });

  test("When a route is called spelled in capitals, then its metric is counted under the route's template", async () => {
    const user = await apiUser("direct-caps");
    const labels = { method: "GET", route: "/api/v1/users/:id", status: "200" };
    const count = "http_request_duration_seconds_count";
    const before = await scrape();
    const answer = await http("GET", `/API/V1/USERS/${user.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: user.id });
    const after = await scrape();
    expect(after.value(count, labels)).toBeGreaterThanOrEqual(before.value(count, labels) + 1);
    expect(after.text).not.toMatch(/route="(?!\/api\/v1\/users\/:id")[^"]*users\/:id"/i);
  });
});
