import type { Request, Response } from "express";
import { classify, statusOf, type AppError, type ErrorCode } from "../shared/errors";
import { logFailure } from "./problem";

// The RealWorld door's one error shape, `{"errors":{"<key>":["<message>", …]}}`, for everything
// under /api but /api/v1: its handlers, its namespace middleware, the sign-in limiter and the
// server's last error handler. The statuses are the API's own (src/shared/errors.ts), except
// that invalid input is 422, as RealWorld clients expect. Field names arrive already spelled the
// RealWorld way (src/api/realworld/route.ts renames the services' fields).

export type RealWorldErrors = Record<string, string[]>;

const statusFor = (code: ErrorCode) => (code === "VALIDATION_FAILED" ? 422 : statusOf[code]);

// What a service calls the thing an error is about, as RealWorld names it.
const SUBJECT_KEY: Record<string, string> = {
  post: "article",
  comment: "comment",
  user: "profile",
  profile: "profile",
  credentials: "credentials",
};
// About a named thing, RealWorld answers with a word, not a sentence: "article": ["not found"].
const SUBJECT_WORD: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: "not found",
  FORBIDDEN: "forbidden",
  UNAUTHENTICATED: "invalid",
};
// Otherwise the key says what went wrong and the service's message says how.
const KEY_OF: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: "token",
  INTERNAL: "server",
  UNAVAILABLE: "server",
};

/** The `errors` object for one error. */
export function realworldErrors(error: AppError, requestId?: string): RealWorldErrors {
  if (error.fieldErrors.length > 0) {
    const errors: RealWorldErrors = {};
    for (const { field, message } of error.fieldErrors) {
      // A conflict is about a value someone else holds, whatever the service said about it.
      const text = error.code === "CONFLICT" ? "has already been taken" : message;
      const list = (errors[field] ??= []);
      if (!list.includes(text)) list.push(text);
    }
    return errors;
  }
  if (error.code === "EMAIL_NOT_VERIFIED") return { email: ["must be verified"] };
  const word = SUBJECT_WORD[error.code];
  if (error.subject && word) return { [SUBJECT_KEY[error.subject] ?? error.subject]: [word] };
  const messages = [error.message];
  if (error.status >= 500 && requestId) messages.push(`request id ${requestId}`);
  return { [KEY_OF[error.code] ?? "request"]: messages };
}

/**
 * Sends any thrown value in the RealWorld shape (classify decides what it stands for); a 500
 * or 503 is logged once, with its stack and the request id, and answered without internals.
 */
export function sendRealWorldError(req: Request, res: Response, error: unknown) {
  const known = classify(error);
  if (known.status >= 500) logFailure(req, error);
  if (res.headersSent) return;
  if (known.code === "UNAUTHENTICATED") res.setHeader("WWW-Authenticate", 'Token realm="inkwell"');
  if (known.code === "UNAVAILABLE") res.setHeader("Retry-After", "1");
  const requestId = res.locals.requestId as string | undefined;
  res.status(statusFor(known.code)).json({ errors: realworldErrors(known, requestId) });
}
