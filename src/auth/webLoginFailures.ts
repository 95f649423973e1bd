import { AsyncResource } from "node:async_hooks";
import express, { type NextFunction, type Request, type Response } from "express";
import { prisma } from "wasp/server";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { WEB_AUTH_ROUTES } from "./authPaths";
import { normalizeEmail } from "../shared/email";
import { audit } from "../audit/audit.service";

// Wasp's browser login (POST /auth/email/login) has no hook for a wrong password or an unknown
// or unverified email: it answers 401 before any hook runs. This middleware, in Wasp's global
// stack, records those 401s after the response, so web and REST login failures are audited
// alike. (Bans are refused in onBeforeLogin, which audits them itself.) A Router matches the
// login path as Wasp's does, so every spelling that reaches the login is audited. The listener
// is bound to this request's context: "finish" fires from the socket, outside it.
function recordFailure(req: Request, res: Response, next: NextFunction) {
  res.once(
    "finish",
    AsyncResource.bind(() => {
      if (res.statusCode !== 401) return;
      metrics.authFailure("web", "invalid_credentials");
      const email = (req.body as { email?: unknown } | undefined)?.email;
      prisma
        .$transaction((tx) =>
          audit(tx, {
            actorId: null,
            action: "auth.login_failed",
            metadata: {
              email: typeof email === "string" ? normalizeEmail(email).slice(0, 254) : null,
              via: "web",
              reason: "invalid_credentials",
            },
          }),
        )
        .catch((error: unknown) =>
          logger.error({ err: error }, "auditing a web login failure failed"),
        );
    }),
  );
  next();
}

export const auditWebLoginFailures = express.Router();
auditWebLoginFailures.post(WEB_AUTH_ROUTES.login, recordFailure);
