import { isUtf8 } from "node:buffer";
import express, { type NextFunction, type Request, type Response } from "express";
import { env } from "wasp/server";
import { AppError } from "../shared/errors";

// What both REST doors (/api/v1 and the RealWorld /api) put in place of Wasp's helmet and body
// parsers: a lean header set for JSON answers and a JSON body parser whose every refusal is
// answered in the door's own error shape (`send`), never as Express's HTML page.

/** Answers an error in a door's shape (sendProblem for /api/v1). */
export type ErrorSender = (req: Request, res: Response, error: unknown) => void;

const hasBody = (req: Request) =>
  req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;

/** "100kb", "1mb", "512" → bytes (1024-based, as body-parser reads it); unknown → no early check. */
export function parseByteLimit(limit: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) return Infinity;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[
    (match[2] ?? "b").toLowerCase() as "b"
  ];
  return Math.floor(Number(match[1]) * unit);
}
const bodyLimitBytes = parseByteLimit(env.API_BODY_LIMIT);

/** The body's own checks, before it is read: media type and declared size. */
function bodyProblem(req: Request): AppError | null {
  if (!req.is(["application/json", "application/*+json"])) {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json");
  }
  // A declared length over the limit is refused from the header alone. The JSON parser would
  // first wait for the whole body to arrive (to drain it), so a client announcing a huge body and
  // sending nothing would get no answer at all.
  if (Number(req.get("content-length") ?? 0) > bodyLimitBytes) {
    return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${env.API_BODY_LIMIT}`);
  }
  return null;
}

const parseJson = express.json({
  limit: env.API_BODY_LIMIT,
  strict: true,
  type: ["application/json", "application/*+json"],
  // The decoder would silently turn invalid UTF-8 into U+FFFD and store that; refuse it instead.
  verify: (_req, _res, buffer) => {
    if (!isUtf8(buffer)) throw Object.assign(new Error("invalid UTF-8"), { type: "utf8.invalid" });
  },
});

/** express.json with API_BODY_LIMIT, strict, refusing invalid UTF-8; failures go to `send`. */
export const jsonBody =
  (send: ErrorSender) =>
  (req: Request, res: Response, next: NextFunction): void => {
    // Most requests (every GET) carry no body: nothing to check or parse.
    if (!hasBody(req)) return next();
    const problem = bodyProblem(req);
    if (problem) return send(req, res, problem);
    parseJson(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      const refusal =
        type === "entity.too.large"
          ? new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${env.API_BODY_LIMIT}`)
          : type === "charset.unsupported" || type === "encoding.unsupported"
            ? new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as UTF-8 JSON")
            : type === "utf8.invalid"
              ? new AppError("BAD_REQUEST", "The body is not valid UTF-8")
              : new AppError("BAD_REQUEST", "The body is not valid JSON");
      send(req, res, refusal);
    });
  };

// JSON responses need only a few of helmet's headers; helmet's full set (CSP, COEP, COOP, …)
// is for HTML and costs on every request of the hot path. HSTS is set at the TLS edge (nginx).
const JSON_API_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-site",
};
const JSON_API_HEADER_LIST = Object.entries(JSON_API_HEADERS);
// The docs page (HTML) gets them too, then helmet's full set over them (setup.ts).
export function jsonApiHeaders(_req: Request, res: Response, next: NextFunction) {
  for (const [name, value] of JSON_API_HEADER_LIST) res.setHeader(name, value);
  next();
}
