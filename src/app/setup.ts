import type { NextFunction, Request, Response } from "express";
import type { ServerSetupFn } from "wasp/server";
import { env, prisma } from "wasp/server";
import helmet from "helmet";
import swaggerUi from "swagger-ui-express";
import { AppError, classify } from "../shared/errors";
import { isApiRequest, isRealWorldRequest } from "../shared/apiRequest";
import { logFailure, sendProblem } from "../server/problem";
import { sendRealWorldError } from "../server/realworldErrors";
import { healthz, readyz, registerReadinessCheck, timedCheck } from "../observability/health";
import { httpLogging, routeName } from "../observability/httpLogging";
import { metricsEndpoint } from "../observability/metricsEndpoint";
import {
  installCrashLogging,
  installGracefulShutdown,
  onShutdown,
} from "../observability/shutdown";
import { closeRedis, redisStatus } from "../cache/redis";
import { feedRoutes } from "../feeds/feeds.routes";
import { serverPageRoutes } from "../reading/serverPage.routes";
import { testRoutes } from "./testRoutes";

// Runs once at server start, after Wasp has mounted its routes: what is added here only sees
// requests Wasp's routers did not answer (plus everything under /api/v1 after its namespace
// middleware), so it brings its own httpLogging (which runs once per request either way).
export const setUpServer: ServerSetupFn = async ({ app, server }) => {
  const production = process.env.NODE_ENV === "production";
  // Which proxies may set X-Forwarded-For: the client IP behind them drives rate limits and
  // audit rows. Default: only a proxy on this machine (the local nginx).
  app.set("trust proxy", trustProxy(env.TRUST_PROXY));
  // Helmet would drop it, but the API's lean header set replaces helmet: drop it here for all.
  app.disable("x-powered-by");

  app.use(httpLogging);
  app.get("/healthz", healthz);
  // Check details only for internal callers (the metrics token, or loopback without a proxy).
  app.get("/readyz", readyz({ metricsToken: env.METRICS_TOKEN }));
  app.get("/metrics", metricsEndpoint({ token: env.METRICS_TOKEN, production }));
  // RSS and Atom for feed readers: plain Express routes, as Wasp's api() has no `/@…` paths.
  app.use(feedRoutes);
  // The post page's server-side includes (nginx subrequests; src/reading/serverPage.routes.ts).
  app.use(serverPageRoutes);
  registerReadinessCheck({
    name: "postgres",
    critical: true,
    run: timedCheck("postgres", env.READINESS_TIMEOUT_MS, () => prisma.$queryRaw`SELECT 1`),
  });
  // Redis is not critical: without it the app serves from PostgreSQL ("degraded").
  registerReadinessCheck({
    name: "redis",
    critical: false,
    run: async () => {
      const status = redisStatus();
      if (status === "ready") return { status: "up" };
      if (status === "not configured") return { status: "not configured" };
      return { status: "degraded", error: `redis is ${status}; serving from PostgreSQL` };
    },
  });
  if (env.INKWELL_TEST_ROUTES === "1" && !production) {
    app.use("/__test", testRoutes);
    // Inside the API namespaces (their middleware has run): errors in each door's shape.
    app.use("/api/v1/__test", testRoutes);
    app.use("/api/__test", testRoutes);
  }

  // Human-readable API docs, rendered from /api/v1/openapi.json by a locally served Swagger UI.
  app.use(
    "/api/v1/docs",
    routeName("/api/v1/docs"),
    helmet(),
    swaggerUi.serve,
    swaggerUi.setup(undefined, {
      customSiteTitle: "Inkwell API",
      swaggerOptions: { url: "/api/v1/openapi.json" },
    }),
  );
  // Anything else under /api/v1 is not a route: answer in the API's error shape, not HTML.
  app.use("/api/v1", (req, res) =>
    sendProblem(
      req,
      res,
      new AppError("NOT_FOUND", `No route for ${req.method} ${req.baseUrl}${req.path}`),
    ),
  );
  // And under the RealWorld door (the rest of /api), in its shape.
  app.use("/api", (req, res) =>
    sendRealWorldError(
      req,
      res,
      new AppError("NOT_FOUND", `No route for ${req.method} ${req.baseUrl}${req.path}`),
    ),
  );
  // Wasp's error handler answers HttpErrors and passes everything else on. One path for all of
  // it: classify (in sendProblem, or here) decides the status; a 5xx is logged once with its
  // stack and request id; the answer never carries internals, in the shape of the door the
  // request came through (problem+json under /api/v1, where middleware may throw too,
  // RealWorld's { errors } under the rest of /api, else Wasp's { message }).
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (isApiRequest(req) && !res.headersSent) return sendProblem(req, res, error);
    if (isRealWorldRequest(req) && !res.headersSent) return sendRealWorldError(req, res, error);
    const known = classify(error);
    if (known.status >= 500) logFailure(req, error);
    if (res.headersSent) return next(error);
    if (known.code === "UNAVAILABLE") res.setHeader("Retry-After", "1");
    res.status(known.status).json({ message: known.message, requestId: res.locals.requestId });
  });

  installCrashLogging();
  onShutdown("database", () => prisma.$disconnect());
  onShutdown("redis", closeRedis);
  installGracefulShutdown({
    server,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    drainMs: env.SHUTDOWN_DRAIN_MS,
  });
};

function trustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}
