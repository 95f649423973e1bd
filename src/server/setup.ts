import type { ServerSetupFn } from "wasp/server";
import swaggerUi from "swagger-ui-express";
import { AppError } from "../shared/errors";
import { sendProblem } from "../api/v1/problem";

// Runs once at server start, after Wasp has mounted its routes.
export const setUpServer: ServerSetupFn = async ({ app }) => {
  // Which proxies may set X-Forwarded-For: the client IP behind them drives rate limits and
  // audit rows. Default: only a proxy on this machine (the local nginx).
  app.set("trust proxy", trustProxy(process.env.TRUST_PROXY ?? "loopback"));

  // Human-readable API docs, rendered from /api/v1/openapi.json by a locally served Swagger UI.
  app.use(
    "/api/v1/docs",
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
};

function trustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}
