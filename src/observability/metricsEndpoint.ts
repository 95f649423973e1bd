import type { Request, Response } from "express";
import { logger } from "./logger";
import { registry } from "./metrics";
import { sameSecret } from "../shared/secrets";

// GET /metrics is for the Prometheus scraper only:
// - METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>` is required (401 otherwise);
// - unset in production: the endpoint is off (404), and startup logs that;
// - unset in development: open, so a local Prometheus or curl works without setup.
export type MetricsAccess = { token?: string; production: boolean };

export function metricsEndpoint({ token, production }: MetricsAccess) {
  if (!token) {
    logger.warn(
      production
        ? "METRICS_TOKEN is not set: GET /metrics is disabled (404)"
        : "METRICS_TOKEN is not set: GET /metrics is open (development only)",
    );
  }
  return async (req: Request, res: Response) => {
    if (!token && production) return res.status(404).json({ message: "Not found" });
    if (token) {
      const [scheme, given] = (req.get("authorization") ?? "").split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !given || !sameSecret(given, token)) {
        return res
          .status(401)
          .set("WWW-Authenticate", 'Bearer realm="metrics"')
          .json({ message: "Send Authorization: Bearer <METRICS_TOKEN>" });
      }
    }
    res.set("Content-Type", registry.contentType).send(await registry.metrics());
  };
}
