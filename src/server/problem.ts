import type { Request, Response } from "express";
import { requestLogger } from "../observability/httpLogging";
import { isDatabaseError } from "../shared/databaseErrors";
import { metrics } from "../observability/metrics";
import {
  classify,
  statusOf,
  titleOf,
  type AppError,
  type ErrorCode,
  type FieldError,
} from "../shared/errors";

// Every error the REST API returns has one shape: RFC 9457 application/problem+json, with
// `errors` listing each bad field for validation failures and `requestId` for support.
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
};

const slug = (code: ErrorCode) => code.toLowerCase().replaceAll("_", "-");

export function problemFor(error: AppError, req: Request, requestId?: string): Problem {
  return {
    type: `urn:inkwell:problem:${slug(error.code)}`,
    title: titleOf[error.code],
    status: statusOf[error.code],
    detail: error.message,
    instance: req.originalUrl.split("?")[0] ?? req.originalUrl,
    ...(requestId ? { requestId } : {}),
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
  };
}

/**
 * Sends any thrown value as a problem (classify decides which); a 500 or 503 is logged once,
 * with its stack and the request id, and answered without internals. Used by the handlers, the
 * namespace middleware and the server's last error handler alike.
 */
export function sendProblem(req: Request, res: Response, error: unknown) {
  const requestId = res.locals.requestId as string | undefined;
  const known = classify(error);
  if (known.status >= 500) logFailure(req, error);
  if (res.headersSent) return;
  if (known.code === "UNAUTHENTICATED") res.setHeader("WWW-Authenticate", 'Bearer realm="inkwell"');
  if (known.code === "UNAVAILABLE") res.setHeader("Retry-After", "1");
  res
    .status(known.status)
    .type("application/problem+json")
    .send(JSON.stringify(problemFor(known, req, requestId)));
}

/** An unexpected failure: counted when the database caused it, logged by path (no query). */
export function logFailure(req: Request, error: unknown) {
  if (isDatabaseError(error)) metrics.dbError("request");
  requestLogger(req).error({ err: error }, `${req.method} ${req.originalUrl.split("?")[0]} failed`);
}
