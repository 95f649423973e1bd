import type { NextFunction, Request, Response } from "express";
import { prisma } from "wasp/server";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { audit } from "./audit.service";

// Wasp's browser login (POST /auth/email/login) has no hook for a wrong password or an unknown
// or unverified email: it answers 401 before any hook runs. This middleware, in Wasp's global
// stack, records those 401s after the response, so web and REST login failures are audited
// alike. (Bans are refused in onBeforeLogin, which audits them itself.)
const LOGIN_PATH = "/auth/email/login";

export function auditWebLoginFailures(req: Request, res: Response, next: NextFunction) {
  if (req.method !== "POST" || req.originalUrl.split("?")[0] !== LOGIN_PATH) return next();
  res.once("finish", () => {
    if (res.statusCode !== 401) return;
    metrics.authFailure("web", "invalid_credentials");
    const email = (req.body as { email?: unknown } | undefined)?.email;
    prisma
      .$transaction((tx) =>
        audit(tx, {
          actorId: null,
          action: "auth.login_failed",
          metadata: {
            email: typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : null,
            via: "web",
            reason: "invalid_credentials",
          },
          meta: { ip: req.ip ?? null, requestId: res.locals.requestId ?? null },
        }),
      )
      .catch((error: unknown) =>
        logger.error({ err: error }, "auditing a web login failure failed"),
      );
  });
  next();
}
